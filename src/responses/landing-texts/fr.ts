import type { LandingChrome } from './types';

export const fr: LandingChrome = {
  optional: 'facultatif',
  send: 'Envoyer',
  scoreMissing: 'Veuillez choisir une note.',
  commentTooLong: 'Votre commentaire ne doit pas dépasser 2 000 caractères.',
  nonceExpired: 'Cette page est restée ouverte longtemps : veuillez renvoyer votre réponse.',
  nonceInvalid: 'Nous n’avons pas pu vérifier ce formulaire : veuillez renvoyer votre réponse.',
  recorded:
    'Merci, votre note est enregistrée. Vous pouvez encore la modifier ou ajouter un commentaire.',
  editing: 'Vous avez déjà répondu. Vous pouvez modifier votre réponse pendant 24 heures.',
  confirmChange:
    'Vous avez déjà répondu. Pour remplacer votre note par celle choisie ci-dessous, appuyez sur Envoyer.',
  yourAnswer: 'Votre réponse',
  score: 'Note',
  comment: 'Commentaire',
  locked: 'Cette réponse ne peut plus être modifiée. Merci !',
  followUp:
    'Nous sommes désolés de votre expérience. Quelqu’un de {{company}} va revenir vers vous.',
  reviewAsk: 'Souhaitez-vous partager votre expérience ?',
  reviewLink: 'Laisser un avis',
  change: 'Modifier ma réponse',
  closedTitle: 'Cette enquête est terminée',
  closedText: 'Merci de votre intérêt. Cette enquête ne reçoit plus de réponses.',
  notFoundTitle: 'Enquête introuvable',
  notFoundText: 'Ce lien n’est pas valide. Vérifiez qu’il a été copié en entier.',
  errorTitle: 'Une erreur est survenue',
  errorText: 'Votre réponse n’a pas pu être traitée. Veuillez réessayer dans un instant.',
  tooManyTitle: 'Trop de tentatives',
  tooManyText: 'Veuillez patienter quelques minutes, puis réessayer.',
  smsThanks: 'Merci pour votre réponse ! Pour ajouter un commentaire : {{link}}',
  smsReask: "Désolé, nous n'avons pas compris. Répondez par un chiffre de {{min}} à {{max}}.",
  smsNoted: 'Merci, votre message a bien été transmis.',
};

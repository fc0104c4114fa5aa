import { builtInLocale, LOCALES, type Locale } from '../surveys';

/**
 * Fixed texts of the survey pages and SMS replies. Survey-specific texts (question, follow-up,
 * thank-you) come from the survey itself. SMS texts keep to the GSM-7 alphabet.
 */
const TEXTS = {
  en: {
    optional: 'optional',
    send: 'Send',
    npsLow: 'Not at all likely',
    npsHigh: 'Extremely likely',
    cesEffortLow: 'Very little effort',
    cesEffortHigh: 'A great deal of effort',
    cesAgreeLow: 'Strongly disagree',
    cesAgreeHigh: 'Strongly agree',
    csatWords: ['Very unsatisfied', 'Unsatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    scoreMissing: 'Please choose a score.',
    commentTooLong: 'Your comment must be at most 2,000 characters.',
    nonceExpired: 'This page was open for a long time: please send your answer again.',
    nonceInvalid: 'We could not check this form: please send your answer again.',
    recorded: 'Thank you, your score has been recorded. You can still change it or add a comment.',
    editing: 'You have already answered. You can change your answer for 24 hours.',
    confirmChange:
      'You have already answered. To change your score to the one selected below, press Send.',
    yourAnswer: 'Your answer',
    score: 'Score',
    comment: 'Comment',
    locked: 'This answer can no longer be changed. Thank you!',
    followUp: 'We are sorry about your experience. Someone from {{company}} will get back to you.',
    reviewAsk: 'Would you share your experience with others?',
    reviewLink: 'Leave a review',
    change: 'Change my answer',
    closedTitle: 'This survey has closed',
    closedText: 'Thank you for your interest. This survey is no longer open for answers.',
    notFoundTitle: 'Survey not found',
    notFoundText: 'This link is not valid. Please check that it was copied completely.',
    errorTitle: 'Something went wrong',
    errorText: 'Your answer could not be handled right now. Please try again in a moment.',
    tooManyTitle: 'Too many attempts',
    tooManyText: 'Please wait a few minutes, then try again.',
    smsThanks: 'Thank you for your answer! To add a comment: {{link}}',
    smsReask: 'Sorry, we did not understand. Please reply with a number from {{min}} to {{max}}.',
    smsNoted: 'Thank you, your message has been passed on.',
  },
  fr: {
    optional: 'facultatif',
    send: 'Envoyer',
    npsLow: 'Pas du tout probable',
    npsHigh: 'Très probable',
    cesEffortLow: 'Très peu d’effort',
    cesEffortHigh: 'Énormément d’effort',
    cesAgreeLow: 'Pas du tout d’accord',
    cesAgreeHigh: 'Tout à fait d’accord',
    csatWords: ['Très insatisfait', 'Insatisfait', 'Neutre', 'Satisfait', 'Très satisfait'],
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
  },
} satisfies Record<Locale, Record<string, string | string[]>>;

export type LandingTexts = (typeof TEXTS)['en'];

/**
 * The page's own words for a reader of `locale` (any BCP-47 tag): its language's catalogue when
 * there is one, else the workspace default's, else English.
 */
export function textsFor(locale: string, workspaceDefault?: string | null): LandingTexts {
  return TEXTS[builtInLocale(locale, workspaceDefault)];
}

/** Fills {{name}} placeholders of a fixed text (plain text; the page escapes it). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/**
 * The locale a page is for: the contact's, else the browser's preference among the locales the
 * survey (or the built-in texts) are written in, else the workspace default.
 */
export function pickPageLocale(
  contactLocale: string | null | undefined,
  acceptsLanguage: (...langs: string[]) => string | false,
  workspaceDefault: string,
  offered: readonly string[] = [],
): string {
  if (contactLocale) return contactLocale;
  const accepted = acceptsLanguage(...new Set([...offered, ...LOCALES]));
  return accepted || workspaceDefault;
}

import { NAME, type BuiltInTexts } from './types';

export const fr: BuiltInTexts = {
  nps: {
    question:
      'Quelle est la probabilité que vous recommandiez {{company}} à un ami ou à un collègue ?',
    followUp: 'Quelle est la raison principale de votre note ?',
    sms: `Bonjour${NAME}, merci d'avoir contacté {{company}}. De 0 à 10, nous recommanderiez-vous ? Répondez par un chiffre ou ici : {{link}}`,
  },
  csat: {
    question: 'Êtes-vous satisfait de l’aide reçue de la part de {{company}} ?',
    followUp: 'Qu’aurions-nous pu mieux faire ?',
    sms: `Bonjour${NAME}, votre avis sur votre échange avec {{company}} ? Notez-le de 1 à 5 : répondez par un chiffre ou ici : {{link}}`,
  },
  ces: {
    question: 'Quel effort avez-vous personnellement dû fournir pour traiter votre demande ?',
    followUp: 'Qu’est-ce qui a rendu cela facile ou difficile ?',
    sms: `Bonjour${NAME}, de 1 (très peu) à 5 (énormément), quel effort votre demande à {{company}} vous a-t-elle demandé ? Répondez ou cliquez : {{link}}`,
  },
  thankYou: 'Merci pour votre retour !',
  scale: {
    npsLow: 'Pas du tout probable',
    npsHigh: 'Extrêmement probable',
    cesEffortLow: 'Très peu d’effort',
    cesEffortHigh: 'Énormément d’effort',
    cesAgreeLow: 'Pas du tout d’accord',
    cesAgreeHigh: 'Tout à fait d’accord',
    csatWords: ['Très insatisfait', 'Insatisfait', 'Neutre', 'Satisfait', 'Très satisfait'],
  },
  email: {
    reminder: 'Rappel : ',
    open: 'Ou ouvrez le questionnaire :',
    footer: 'Vous recevez cet e-mail car vous avez contacté',
    score: 'Note',
  },
  templates: {
    chat: 'Votre avis nous aide : répondez en un clic : {{link}}',
    emailSubject: '{{company}} : une question sur votre demande',
    emailText: `Bonjour${NAME},\n\nMerci d’avoir contacté {{company}}{{#if agentName}}. {{agentName}} a été heureux de vous aider{{/if}}. Pourriez-vous répondre à une question ? Cela prend dix secondes.`,
    reminder: 'Petit rappel de {{company}} : votre avis compte et prend 10 secondes : {{link}}',
  },
};

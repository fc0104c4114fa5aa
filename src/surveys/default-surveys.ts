import type { SurveyInput } from './surveys.schema';

/**
 * Every workspace starts with one survey per type. SMS texts stay inside the GSM-7 alphabet
 * (no ç, ê, â, î, ô, û) so a French SMS costs one or two segments, not three.
 */
export const DEFAULT_SURVEYS: SurveyInput[] = [
  {
    key: 'nps',
    type: 'nps',
    name: 'Net Promoter Score',
    question: {
      en: 'How likely are you to recommend {{company}} to a friend or colleague?',
      fr: 'Quelle est la probabilité que vous recommandiez {{company}} à un ami ou à un collègue ?',
    },
    followUpQuestion: {
      en: 'What is the main reason for your score?',
      fr: 'Quelle est la raison principale de votre note ?',
    },
    thankYou: { en: 'Thank you for your feedback!', fr: 'Merci pour votre retour !' },
    templates: {
      sms: {
        en: 'Hi{{#if customerName}} {{customerName}}{{/if}}, thanks for contacting {{company}}. From 0 to 10, how likely are you to recommend us? Reply with a number or tap {{link}}',
        fr: "Bonjour{{#if customerName}} {{customerName}}{{/if}}, merci d'avoir contacté {{company}}. De 0 à 10, nous recommanderiez-vous ? Répondez par un chiffre ou ici : {{link}}",
      },
    },
  },
  {
    key: 'csat',
    type: 'csat',
    name: 'Customer satisfaction',
    question: {
      en: 'How satisfied are you with the help you received from {{company}}?',
      fr: 'Êtes-vous satisfait de l’aide reçue de la part de {{company}} ?',
    },
    followUpQuestion: {
      en: 'What could we have done better?',
      fr: 'Qu’aurions-nous pu mieux faire ?',
    },
    thankYou: { en: 'Thank you for your feedback!', fr: 'Merci pour votre retour !' },
    templates: {
      sms: {
        en: 'Hi{{#if customerName}} {{customerName}}{{/if}}, how satisfied are you with your exchange with {{company}}? Rate it from 1 to 5: reply with a number or tap {{link}}',
        fr: 'Bonjour{{#if customerName}} {{customerName}}{{/if}}, votre avis sur votre échange avec {{company}} ? Notez-le de 1 à 5 : répondez par un chiffre ou ici : {{link}}',
      },
    },
  },
  {
    key: 'ces',
    type: 'ces',
    name: 'Customer effort',
    question: {
      en: 'How much effort did you personally have to put forth to handle your request?',
      fr: 'Quel effort avez-vous personnellement dû fournir pour traiter votre demande ?',
    },
    followUpQuestion: {
      en: 'What made it easy or hard?',
      fr: 'Qu’est-ce qui a rendu cela facile ou difficile ?',
    },
    thankYou: { en: 'Thank you for your feedback!', fr: 'Merci pour votre retour !' },
    templates: {
      sms: {
        en: 'Hi{{#if customerName}} {{customerName}}{{/if}}, from 1 (very little) to 5 (a great deal), how much effort did your request to {{company}} take? Reply with a number or tap {{link}}',
        fr: 'Bonjour{{#if customerName}} {{customerName}}{{/if}}, de 1 (très peu) à 5 (énormément), quel effort votre demande à {{company}} vous a-t-elle demandé ? Répondez ou cliquez : {{link}}',
      },
    },
  },
];

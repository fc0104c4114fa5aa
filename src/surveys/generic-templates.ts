import type { Localized } from './survey-types';

/** Used for any channel template a survey does not set itself. SMS-bound texts stay GSM-7. */
export const GENERIC_TEMPLATES: Record<
  'chat' | 'emailSubject' | 'emailText' | 'reminder',
  Localized
> = {
  chat: {
    en: 'How did we do? Tell us in one tap: {{link}}',
    fr: 'Votre avis nous aide : répondez en un clic : {{link}}',
  },
  emailSubject: {
    en: '{{company}}: one question about your request',
    fr: '{{company}} : une question sur votre demande',
  },
  emailText: {
    en: 'Hi{{#if customerName}} {{customerName}}{{/if}},\n\nThank you for contacting {{company}}{{#if agentName}}. {{agentName}} was glad to help you{{/if}}. Would you answer one question? It takes ten seconds.',
    fr: 'Bonjour{{#if customerName}} {{customerName}}{{/if}},\n\nMerci d’avoir contacté {{company}}{{#if agentName}}. {{agentName}} a été heureux de vous aider{{/if}}. Pourriez-vous répondre à une question ? Cela prend dix secondes.',
  },
  reminder: {
    en: 'Reminder from {{company}}: your opinion matters and takes 10 seconds: {{link}}',
    fr: 'Petit rappel de {{company}} : votre avis compte et prend 10 secondes : {{link}}',
  },
};

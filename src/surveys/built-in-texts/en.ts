import { NAME, type BuiltInTexts } from './types';

export const en: BuiltInTexts = {
  nps: {
    question: 'How likely are you to recommend {{company}} to a friend or colleague?',
    followUp: 'What is the main reason for your score?',
    sms: `Hi${NAME}, thanks for contacting {{company}}. From 0 to 10, how likely are you to recommend us? Reply with a number or tap {{link}}`,
  },
  csat: {
    question: 'How satisfied are you with the help you received from {{company}}?',
    followUp: 'What could we have done better?',
    sms: `Hi${NAME}, how satisfied are you with your exchange with {{company}}? Rate it from 1 to 5: reply with a number or tap {{link}}`,
  },
  ces: {
    question: 'How much effort did you personally have to put forth to handle your request?',
    followUp: 'What made it easy or hard?',
    sms: `Hi${NAME}, from 1 (very little) to 5 (a great deal), how much effort did your request to {{company}} take? Reply with a number or tap {{link}}`,
  },
  thankYou: 'Thank you for your feedback!',
  scale: {
    npsLow: 'Not at all likely',
    npsHigh: 'Extremely likely',
    cesEffortLow: 'Very little effort',
    cesEffortHigh: 'A great deal of effort',
    cesAgreeLow: 'Strongly disagree',
    cesAgreeHigh: 'Strongly agree',
    csatWords: ['Very unsatisfied', 'Unsatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  },
  email: {
    reminder: 'Reminder: ',
    open: 'Or open the survey:',
    footer: 'You received this email because you contacted',
    score: 'Score',
  },
  templates: {
    chat: 'How did we do? Tell us in one tap: {{link}}',
    emailSubject: '{{company}}: one question about your request',
    emailText: `Hi${NAME},\n\nThank you for contacting {{company}}{{#if agentName}}. {{agentName}} was glad to help you{{/if}}. Would you answer one question? It takes ten seconds.`,
    reminder: 'Reminder from {{company}}: your opinion matters and takes 10 seconds: {{link}}',
  },
};

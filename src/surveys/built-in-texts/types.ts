/**
 * Retour's own default wording for one language: the standard NPS, CSAT and CES questions, their
 * follow-ups and SMS invitations, the scale's end labels, and the generic channel templates.
 * SMS-bound texts (`sms`, `reminder`) keep to the GSM-7 alphabet where the language allows it
 * (en, fr, es, de, it, nl): one or two segments instead of three. Polish, Portuguese and Arabic
 * need UCS-2 for correct spelling and are kept short instead.
 */
export interface SurveyTypeTexts {
  question: string;
  followUp: string;
  sms: string;
}

export interface ScaleWords {
  npsLow: string;
  npsHigh: string;
  cesEffortLow: string;
  cesEffortHigh: string;
  cesAgreeLow: string;
  cesAgreeHigh: string;
  /** CSAT 1–5, lowest first. */
  csatWords: readonly [string, string, string, string, string];
}

export interface BuiltInTexts {
  nps: SurveyTypeTexts;
  csat: SurveyTypeTexts;
  ces: SurveyTypeTexts;
  thankYou: string;
  scale: ScaleWords;
  /** The fixed words of the survey email around the survey's own texts. */
  email: { reminder: string; open: string; footer: string; score: string };
  templates: { chat: string; emailSubject: string; emailText: string; reminder: string };
}

/** The greeting's optional name, as every SMS and email template writes it. */
export const NAME = '{{#if customerName}} {{customerName}}{{/if}}';

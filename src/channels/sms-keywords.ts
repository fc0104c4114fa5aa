export type InboundSmsKind = 'opt_out' | 'opt_in' | 'help' | 'other';

/**
 * Twilio's standard opt-out, opt-in and help keywords, plus the French ARRET and AIDE.
 * YES is a Twilio opt-in keyword but is left out: a customer may well answer a survey with
 * "yes", and that must not be read as an opt-in (nor "OUI" by analogy).
 */
const KEYWORDS: Record<string, InboundSmsKind> = {
  STOP: 'opt_out',
  STOPALL: 'opt_out',
  UNSUBSCRIBE: 'opt_out',
  CANCEL: 'opt_out',
  END: 'opt_out',
  QUIT: 'opt_out',
  ARRET: 'opt_out',
  START: 'opt_in',
  UNSTOP: 'opt_in',
  HELP: 'help',
  INFO: 'help',
  AIDE: 'help',
};

/** Whole-message keywords only: "stop calling me at work" is a comment, not an opt-out. */
export function classifyInboundSms(body: string): InboundSmsKind {
  const word = body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/[.!]+$/, '')
    .toUpperCase();
  return Object.hasOwn(KEYWORDS, word) ? (KEYWORDS[word] ?? 'other') : 'other';
}

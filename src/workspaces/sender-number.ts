import { parsePhoneNumberFromString } from 'libphonenumber-js';

const WHATSAPP = 'whatsapp:';
const E164 = /^\+[1-9]\d{6,14}$/;

/** A Twilio address as Retour keeps it: the E.164 number and whether it was the WhatsApp form. */
export interface SenderAddress {
  /** As stored and shown: `+33612345678` or `whatsapp:+33612345678`. */
  address: string;
  /** The phone number alone; SMS and WhatsApp on one number are one claim. */
  number: string;
}

/**
 * `+33 6 12 34 56 78`, `+33612345678` and `whatsapp:+33612345678` all name +33612345678.
 * Null when it is not a number in international form.
 */
export function parseSenderAddress(raw: string): SenderAddress | null {
  const trimmed = raw.trim();
  const whatsapp = trimmed.toLowerCase().startsWith(WHATSAPP);
  const rest = whatsapp ? trimmed.slice(WHATSAPP.length).trim() : trimmed;
  if (!rest.startsWith('+')) return null;
  const number = parsePhoneNumberFromString(rest)?.number;
  if (!number || !E164.test(number)) return null;
  return { address: whatsapp ? `${WHATSAPP}${number}` : number, number };
}

/** The number alone, for comparing; null when the text is no number. */
export function senderNumberOf(raw: string | null | undefined): string | null {
  return raw ? (parseSenderAddress(raw)?.number ?? null) : null;
}

import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Phone numbers and email addresses as logs may show them: enough to tell two apart while
 * debugging, not enough to reach anyone. `+33612345678` → `+33 6•• •• •• 78`,
 * `zoe.martin@example.org` → `z•••@e•••.org`.
 */
const DOT = '•';

export function maskPhone(phone: string): string {
  const plus = phone.replace(/^%2B/i, '+');
  const parsed = parsePhoneNumberFromString(plus);
  const country = parsed ? parsed.countryCallingCode : plus.slice(1, 3);
  const national = parsed ? String(parsed.nationalNumber) : plus.slice(1 + country.length);
  if (national.length < 4) return `+${country} ${DOT.repeat(national.length)}`;
  // Pairs from the end, as most numbering plans are read; a lone leading digit joins the first pair.
  const groups: string[] = [];
  let rest = national;
  while (rest.length > 3) {
    groups.unshift(rest.slice(-2));
    rest = rest.slice(0, -2);
  }
  groups.unshift(rest);
  const last = groups.length - 1;
  const masked = groups.map((g, i) => {
    if (i === last) return g;
    if (i === 0) return g[0] + DOT.repeat(g.length - 1);
    return DOT.repeat(g.length);
  });
  return `+${country} ${masked.join(' ')}`;
}

export function maskEmail(email: string): string {
  const at = email.search(/@|%40/i);
  const local = email.slice(0, at);
  const domain = email.slice(at).replace(/^(@|%40)/i, '');
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}${DOT.repeat(3)}@${host.slice(0, 1)}${DOT.repeat(3)}${tld}`;
}

// E.164 (also URL-encoded, and WhatsApp's "whatsapp:" form), and addresses (also %40-encoded).
const PHONE = /(?:\+|%2B)[1-9]\d{6,14}\b/gi;
const EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/gi;

/** `text` with every phone number and email address in it masked. */
export function maskText(text: string): string {
  return text.replace(EMAIL, maskEmail).replace(PHONE, maskPhone);
}

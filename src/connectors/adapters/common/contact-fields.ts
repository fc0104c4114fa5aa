import { interactionInput } from '../../../interactions/interactions.schema';
import { asText } from './json-fields';

/** First and last name joined, whichever are present. */
export function fullName(first: unknown, last: unknown): string | undefined {
  const parts = [asText(first), asText(last)].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * A phone as an agent typed it, with spaces, dots, dashes and brackets removed and a leading 00
 * written +, so that "+33 6 12 34 56 78" can pass as E.164. Whether it is a valid number is
 * for `firstAccepted` to say.
 */
export function typedPhone(value: unknown): string | undefined {
  const digits = asText(value)?.replace(/[\s.\-()]/g, '');
  if (!digits) return undefined;
  return digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
}

/**
 * The first candidate (as text) the interaction schema accepts as the customer's phone, email or
 * locale, so that a badly written first choice (a local-format shipping phone, a language name
 * where a tag was expected) does not hide a good second one. The schema is the one judge: the
 * adapters keep no copy of its rules.
 */
export function firstAccepted(
  field: 'phone' | 'email' | 'locale',
  candidates: readonly unknown[],
): string | undefined {
  for (const candidate of candidates) {
    const value = asText(candidate);
    if (value === undefined) continue;
    const probe = interactionInput.safeParse({
      id: 'probe',
      type: 'probe',
      customer: { [field]: value },
    });
    if (probe.success || !probe.error.issues.some((i) => i.path.join('.') === `customer.${field}`))
      return value;
  }
  return undefined;
}

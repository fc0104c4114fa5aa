/**
 * GSM 03.38 default alphabet (3GPP TS 23.038), ESC excluded. Position 0x09 is the capital Ç:
 * the lowercase ç only exists in national shift tables that Twilio does not use, so a text with
 * ç, ê, â, î, ô or û goes out as UCS-2. Counting it that way never under-estimates the cost.
 */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Extension table: each costs an ESC plus the character, two septets. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS = {
  'GSM-7': { single: 160, concatenated: 153 },
  'UCS-2': { single: 70, concatenated: 67 },
} as const;

export interface SmsSegments {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
}

/** Empty text is 0 segments: there is nothing to send. */
export function countSmsSegments(text: string): SmsSegments {
  const characters = Array.from(text);
  const isGsm = characters.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c));
  const encoding = isGsm ? 'GSM-7' : 'UCS-2';
  const costs = characters.map((c) => (isGsm ? (GSM_EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const limits = LIMITS[encoding];
  if (units === 0) return { encoding, segments: 0, units };
  if (units <= limits.single) return { encoding, segments: 1, units };
  return { encoding, segments: countConcatenated(costs, limits.concatenated), units };
}

/** An escape pair or a surrogate pair is never split across two segments. */
function countConcatenated(costs: number[], capacity: number): number {
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > capacity) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

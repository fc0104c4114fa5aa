/**
 * Reads a score out of an SMS reply, pure. The score must lead the message, after an optional
 * "Note:" / "score" / "I'd give it" lead-in, as digits or as an English or French number word,
 * optionally followed by "/10", "sur 10" or "out of 10"; whatever follows is the comment.
 * Anything else ("between 7 and 8", "9.5", an off-scale number) is not a score: the caller
 * asks again rather than guess.
 */
export type SmsReply =
  | { ok: true; score: number; comment: string | null }
  | { ok: false; reason: 'no_score' | 'out_of_scale' };

const WORDS: Record<string, number> = {
  zero: 0, zéro: 0, one: 1, un: 1, une: 1, two: 2, deux: 2, three: 3, trois: 3,
  four: 4, quatre: 4, five: 5, cinq: 5, six: 6, seven: 7, sept: 7, eight: 8, huit: 8,
  nine: 9, neuf: 9, ten: 10, dix: 10,
}; // prettier-ignore

const NUMBER = `(\\d{1,2}|${Object.keys(WORDS).join('|')})`;
const NOT_IN_WORD = '(?![\\p{L}\\p{N}]|[.,]\\d)';
const LEAD_IN =
  '(?:(?:ma |my )?(?:note|score|rating|grade|vote)(?: is| est(?: de)?)?\\s*[:=-]?\\s*' +
  "|i(?:'d| would)? (?:give|rate|say)(?: (?:it|you|them|us))?(?: an?)?\\s+" +
  '|je (?:donne|mets)(?: une?)?\\s+)?';
const OUT_OF = `(?:\\s*(?:/|sur|out of|on)\\s*${NUMBER}${NOT_IN_WORD})?`;
const PATTERN = new RegExp(`^\\s*${LEAD_IN}${NUMBER}${NOT_IN_WORD}${OUT_OF}`, 'iu');
const SEPARATORS = /^[\s,.;:!?)\]–—-]+/u;
/** "un", "une" and "one" open too many sentences ("un peu déçu") to count unless alone. */
const WEAK_WORDS = new Set(['un', 'une', 'one']);
const STRONG = `(?:\\d{1,2}|${Object.keys(WORDS)
  .filter((w) => !WEAK_WORDS.has(w))
  .join('|')})`;
/** "7 or 8", "7-8": two candidate scores, so none. */
const SECOND_SCORE = new RegExp(
  `^\\s*(?:or|ou|to|à|a|et|and|-|–)\\s*${STRONG}${NOT_IN_WORD}`,
  'iu',
);

function toNumber(token: string): number {
  return /^\d+$/.test(token) ? Number(token) : (WORDS[token.toLowerCase()] ?? NaN);
}

/** Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹, Persian and Urdu) digits read as 0–9. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.codePointAt(0)!;
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

export function parseSmsReply(raw: string, scale: { min: number; max: number }): SmsReply {
  const text = asciiDigits(raw);
  const match = PATTERN.exec(text.normalize('NFC'));
  if (!match?.[1]) return { ok: false, reason: 'no_score' };
  const score = toNumber(match[1]);
  if (Number.isNaN(score)) return { ok: false, reason: 'no_score' };
  if (match[2] !== undefined && toNumber(match[2]) !== scale.max) {
    return { ok: false, reason: 'out_of_scale' };
  }
  if (score < scale.min || score > scale.max) return { ok: false, reason: 'out_of_scale' };
  const after = text.normalize('NFC').slice(match[0].length);
  if (SECOND_SCORE.test(after)) return { ok: false, reason: 'no_score' };
  const rest = after.replace(SEPARATORS, '').trim();
  if (WEAK_WORDS.has(match[1].toLowerCase()) && rest !== '' && match[2] === undefined) {
    return { ok: false, reason: 'no_score' };
  }
  return { ok: true, score, comment: rest === '' ? null : rest };
}

/**
 * What a new password must satisfy: length over composition rules (NIST SP 800-63B).
 * brokenPasswordRule names the first rule a password breaks (pages translate it);
 * passwordProblem says it in English for the API and the CLI. Both return null when acceptable.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** argon2 accepts more, but nobody types this much and a cap keeps hashing bounded. */
export const PASSWORD_MAX_LENGTH = 256;

export const PASSWORD_RULES = [
  'tooShort',
  'tooLong',
  'onlySpaces',
  'repetitive',
  'isEmail',
] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

export function brokenPasswordRule(password: string, email?: string): PasswordRule | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (password.trim().length === 0) return 'onlySpaces';
  if (new Set(password).size < 4) return 'repetitive';
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) return 'isEmail';
  return null;
}

const ENGLISH: Record<PasswordRule, string> = {
  tooShort: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  tooLong: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  onlySpaces: 'A password cannot be only spaces.',
  repetitive: 'Use a less repetitive password.',
  isEmail: 'Your password cannot be your email address.',
};

export function passwordProblem(password: string, email?: string): string | null {
  const rule = brokenPasswordRule(password, email);
  return rule ? ENGLISH[rule] : null;
}

/**
 * What a new password must satisfy: length over composition rules (NIST SP 800-63B).
 * Returns a message for the person, or null when the password is acceptable.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** argon2 accepts more, but nobody types this much and a cap keeps hashing bounded. */
export const PASSWORD_MAX_LENGTH = 256;

export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  }
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (password.trim().length === 0) return 'A password cannot be only spaces.';
  if (new Set(password).size < 4) return 'Use a less repetitive password.';
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return 'Your password cannot be your email address.';
  }
  return null;
}

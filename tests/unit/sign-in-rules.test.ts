import {
  describeWait,
  lockDurationMs,
  DEFAULT_BACKOFF,
} from '../../src/workspaces/users/login-backoff';
import { passwordProblem } from '../../src/workspaces/users/password-policy';
import { safeNext } from '../../src/workspaces/users/safe-next';
import {
  looksLikeToken,
  generateOneTimeToken,
  hashOneTimeToken,
} from '../../src/workspaces/users/one-time-token';

describe('password policy', () => {
  it.each([
    ['short', 'Use at least 12 characters.'],
    ['   spaces are fine', null],
    ['            ', 'A password cannot be only spaces.'],
    ['aaaaaaaaaaaaaaaa', 'Use a less repetitive password.'],
    ['abababababab', 'Use a less repetitive password.'],
    ['ana@example.com', 'Your password cannot be your email address.'],
    ['correct horse battery staple', null],
    ['é'.repeat(6) + 'àçü ok', null],
    ['x'.repeat(200) + 'abcdefghijklmnopqrstuvwxyz'.repeat(3), 'Use at most 256 characters.'],
  ])('when the password is %j, then %j', (password, expected) => {
    expect(passwordProblem(password, 'Ana@example.com')).toBe(expected);
  });

  it('when a password is 12 characters counted as code points, then it is long enough', () => {
    expect(passwordProblem('😀😀😀😀abcdefgh')).toBeNull();
    expect(passwordProblem('😀😀😀😀abcdefg')).toBe('Use at least 12 characters.');
  });
});

describe('lockout backoff', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 60_000],
    [6, 120_000],
    [7, 240_000],
    [9, 960_000],
    [10, 1_800_000],
    [50, 1_800_000],
    [5000, 1_800_000],
  ])('when %i failures in a row, then sign-in is locked for %i ms', (failures, ms) => {
    expect(lockDurationMs(failures, DEFAULT_BACKOFF)).toBe(ms);
  });

  it.each([
    [1, '1 minute'],
    [60_000, '1 minute'],
    [60_001, '2 minutes'],
    [1_800_000, '30 minutes'],
  ])('when %i ms remain, then the page says %s', (ms, text) => {
    expect(describeWait(ms)).toBe(text);
  });
});

describe('where to go after sign-in', () => {
  it.each([
    ['/app/inbox?tab=overdue', '/app/inbox?tab=overdue'],
    ['//evil.example', '/app'],
    ['/\\evil.example', '/app'],
    ['https://evil.example', '/app'],
    ['/app\r\nSet-Cookie: x', '/app'],
    ['', '/app'],
    [undefined, '/app'],
    [['/a', '/b'], '/app'],
  ])('when next is %j, then %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('one-time tokens', () => {
  it('when a token is made, then it has 256 bits, a link-safe form and a stable hash', () => {
    const token = generateOneTimeToken();
    expect(looksLikeToken(token)).toBe(true);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hashOneTimeToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOneTimeToken(token)).toBe(hashOneTimeToken(token));
    expect(looksLikeToken('../../etc/passwd')).toBe(false);
  });
});

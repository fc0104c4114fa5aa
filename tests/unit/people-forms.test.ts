import { parseApiKeyForm, scopeKey } from '../../src/workspaces/api-key-forms';
import {
  parseAccess,
  parseActive,
  parseInvite,
  parsePasswordChange,
  parseSessionHandle,
  teamsFromText,
} from '../../src/workspaces/users/people-forms';
import { brokenPasswordRule } from '../../src/workspaces/users/password-policy';
import { personState } from '../../src/workspaces/users/users-page-model';

describe('users page forms', () => {
  it('when teams are typed with commas or lines, then they become a clean list', () => {
    expect(teamsFromText(' billing, support\nvip,, ')).toEqual(['billing', 'support', 'vip']);
    expect(teamsFromText('')).toEqual([]);
  });

  it('when an invitation is well filled, then it is the API input (email lower-cased, teams deduplicated)', () => {
    const result = parseInvite({
      email: ' Ana@Example.COM ',
      name: 'Ana',
      role: 'manager',
      teams: 'a, b, a',
      locale: 'fr',
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        email: 'ana@example.com',
        name: 'Ana',
        role: 'manager',
        teams: ['a', 'b'],
        locale: 'fr',
      },
    });
  });

  it('when an invitation is badly filled, then each bad field names its catalogue key and the text is kept', () => {
    const result = parseInvite({
      email: 'nope',
      name: ' ',
      role: 'owner',
      locale: 'de',
      teams: 'x',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      email: 'users.error.email',
      name: 'users.error.name',
      role: 'users.error.role',
      locale: 'users.error.locale',
    });
    expect(result.kept).toMatchObject({ email: 'nope', teams: 'x' });
  });

  it('when fields are repeated or missing, then they count as empty, never as an exception', () => {
    const result = parseInvite({ email: ['a@b.co', 'c@d.co'], role: 'agent' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['email', 'name']);
    expect(parseActive({ active: ['true', 'false'] })).toBeNull();
    expect(parseActive({ active: 'false' })).toBe(false);
    expect(parseActive({ active: 'true' })).toBe(true);
  });

  it('when role and teams are changed, then the patch is the API patch', () => {
    expect(parseAccess({ role: 'agent', teams: 'support' })).toMatchObject({
      ok: true,
      value: { role: 'agent', teams: ['support'] },
    });
    expect(parseAccess({ role: '', teams: 'support' })).toMatchObject({
      ok: false,
      errors: { role: 'users.error.role' },
    });
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`).join(',');
    expect(parseAccess({ role: 'agent', teams: many })).toMatchObject({
      ok: false,
      errors: { teams: 'users.error.teams' },
    });
  });

  it('a person is invited until they choose a password, and deactivated above all', () => {
    expect(personState({ active: true, hasPassword: false })).toBe('invited');
    expect(personState({ active: true, hasPassword: true })).toBe('active');
    expect(personState({ active: false, hasPassword: false })).toBe('inactive');
  });
});

describe('account page forms', () => {
  it('when fields are missing or the two new passwords differ, then the field is named before any check', () => {
    expect(parsePasswordChange({})).toMatchObject({
      ok: false,
      errors: { current: 'account.error.currentMissing', password: 'account.error.newMissing' },
    });
    expect(parsePasswordChange({ current: 'x', password: 'abc', confirm: 'abd' })).toMatchObject({
      ok: false,
      errors: { confirm: 'account.error.differ' },
    });
    expect(parsePasswordChange({ current: 'x', password: 'abc', confirm: 'abc' })).toEqual({
      ok: true,
      value: { current: 'x', password: 'abc' },
      kept: {},
    });
  });

  it('the policy names the rule a password breaks', () => {
    expect(brokenPasswordRule('short')).toBe('tooShort');
    expect(brokenPasswordRule('ana@example.com', 'ANA@example.com')).toBe('isEmail');
    expect(brokenPasswordRule('correct horse battery staple')).toBeNull();
  });

  it('a session handle is 22 URL-safe characters, nothing else', () => {
    expect(parseSessionHandle({ session: 'a'.repeat(22) })).toBe('a'.repeat(22));
    expect(parseSessionHandle({ session: 'a'.repeat(21) })).toBeNull();
    expect(parseSessionHandle({ session: '../../etc/passwd-xxxxx' })).toBeNull();
  });
});

describe('API key form', () => {
  const requestKey = 'r'.repeat(24);

  it('when one box is ticked, a string is posted; several, an array; none, nothing: all become a list', () => {
    expect(parseApiKeyForm({ name: 'A', scopes: 'admin', requestKey })).toMatchObject({
      ok: true,
      value: { name: 'A', scopes: ['admin'] },
      requestKey,
    });
    expect(
      parseApiKeyForm({ name: 'A', scopes: ['tasks', 'reports:read', 'tasks'], requestKey }),
    ).toMatchObject({ ok: true, value: { scopes: ['tasks', 'reports:read'] } });
    // Unlike the API, whose default is every scope, no tick means no key.
    expect(parseApiKeyForm({ name: 'A', requestKey })).toMatchObject({
      ok: false,
      errors: { scopes: 'apiKeys.error.scopes' },
    });
  });

  it('when the name or the request key is missing, or a scope unknown, then the field is named', () => {
    expect(parseApiKeyForm({ name: '', scopes: 'root', requestKey: 'short' })).toMatchObject({
      ok: false,
      errors: {
        name: 'apiKeys.error.name',
        scopes: 'apiKeys.error.scopes',
        form: 'apiKeys.error.form',
      },
      kept: { requestKey: '' },
    });
  });

  it('a scope with a colon gets a catalogue key without one', () => {
    expect(scopeKey('interactions:write')).toBe('apiKeys.scope.interactions_write');
  });
});

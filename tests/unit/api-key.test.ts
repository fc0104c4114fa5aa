import {
  generateApiKey,
  hashApiKey,
  hasScope,
  parseBearer,
  visiblePrefix,
} from '../../src/workspaces/api-key';

describe('API key helpers', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['Bearer', undefined],
    ['Basic abc', undefined],
    ['Bearer abc', 'abc'],
    ['bearer   abc  ', 'abc'],
    ['Bearer abc def', undefined],
  ])('parseBearer(%p) is %p', (header, expected) => {
    expect(parseBearer(header)).toBe(expected);
  });

  it('when keys are generated, then they are distinct, long and prefixed', () => {
    const keys = new Set(Array.from({ length: 100 }, generateApiKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^rtr_[A-Za-z0-9_-]{32}$/);
  });

  it('when a key is hashed, then the hash is stable, hex and reveals nothing', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).not.toContain(key.slice(4));
    expect(hashApiKey(`${key}x`)).not.toBe(hashApiKey(key));
  });

  it('when showing a key, then only its prefix is visible', () => {
    expect(visiblePrefix('rtr_abcdefghijklmnop')).toBe('rtr_abcdefgh');
    expect(visiblePrefix('k')).toBe('k');
  });

  it('when checking scopes, then only listed scopes pass', () => {
    expect(hasScope(['admin'], 'admin')).toBe(true);
    expect(hasScope(['reports:read'], 'admin')).toBe(false);
  });
});

import { decodeAuditCursor, encodeAuditCursor } from '../../src/audit/audit-cursor';
import { changedFields, maskSecrets, MASKED } from '../../src/audit/mask-secrets';

describe('audit values', () => {
  it('masks every field named like a secret, at any depth, and keeps empty ones empty', () => {
    expect(
      maskSecrets({
        chatWebhookSecret: 'abc',
        api: { token: 't', tokenLast4: '9876', baseUrl: 'https://x' },
        actions: [{ webhook: { url: 'https://y', secret: 's' } }],
        password: null,
        name: 'n',
      }),
    ).toEqual({
      chatWebhookSecret: MASKED,
      api: { token: MASKED, tokenLast4: MASKED, baseUrl: 'https://x' },
      actions: [{ webhook: { url: 'https://y', secret: MASKED } }],
      password: null,
      name: 'n',
    });
  });

  it('keeps only the top-level fields that changed, updatedAt aside', () => {
    expect(
      changedFields(
        { a: 1, b: { c: 1 }, d: 'same', updatedAt: 'x' },
        { a: 2, b: { c: 1 }, d: 'same', e: true, updatedAt: 'y' },
      ),
    ).toEqual({ before: { a: 1, e: null }, after: { a: 2, e: true } });
  });

  it('reads back the cursors it writes and refuses anything else', () => {
    const c = { at: new Date('2026-05-04T09:30:00.123Z'), id: '6650c0ffee0000000000a1b2' };
    expect(decodeAuditCursor(encodeAuditCursor(c))).toEqual(c);
    expect(decodeAuditCursor('nonsense')).toBeNull();
    expect(
      decodeAuditCursor(
        Buffer.from('2026-13-99T00:00:00.000Z|6650c0ffee0000000000a1b2').toString('base64url'),
      ),
    ).toBeNull();
  });
});

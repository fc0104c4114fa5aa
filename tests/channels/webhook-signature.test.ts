import { signWebhook, verifyWebhookSignature } from '../../src/channels/webhook-signature';

const SECRET = 'whsec_test';
const BODY = JSON.stringify({ type: 'survey.invitation', invitationId: 'i1' });
const NOW = new Date('2026-11-20T10:00:00Z');
const TS = Math.floor(NOW.getTime() / 1000);

describe('webhook signatures', () => {
  test('when body, timestamp and secret match, then the signature verifies', () => {
    const header = signWebhook(SECRET, TS, BODY);

    expect(header).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, header, String(TS), BODY, 300, NOW)).toBe(true);
  });

  test.each([
    ['the body was tampered with', SECRET, TS, `${BODY} `, NOW],
    ['another secret is used', 'other-secret', TS, BODY, NOW],
    [
      'the timestamp is older than the tolerance',
      SECRET,
      TS,
      BODY,
      new Date(NOW.getTime() + 301_000),
    ],
    ['the timestamp is too far in the future', SECRET, TS, BODY, new Date(NOW.getTime() - 301_000)],
  ])('when %s, then it does not verify', (_case, secret, ts, body, now) => {
    const header = signWebhook(SECRET, TS, BODY);

    expect(verifyWebhookSignature(secret, header, ts, body, 300, now)).toBe(false);
  });

  test('when the timestamp header was changed, then the old signature does not verify', () => {
    const header = signWebhook(SECRET, TS, BODY);

    expect(verifyWebhookSignature(SECRET, header, TS + 1, BODY, 300, NOW)).toBe(false);
  });

  test.each([undefined, '', 'v1=', 'v1=zz', 'v0=abc', 'garbage'])(
    'when the header is %p, then it does not verify',
    (header) => {
      expect(verifyWebhookSignature(SECRET, header, TS, BODY, 300, NOW)).toBe(false);
    },
  );

  test('when the header lists several signatures (secret rotation), then one match is enough', () => {
    const header = `${signWebhook('old-secret', TS, BODY)}, ${signWebhook(SECRET, TS, BODY)}`;

    expect(verifyWebhookSignature(SECRET, header, TS, BODY, 300, NOW)).toBe(true);
  });
});

import { Types } from 'mongoose';
import { openChannels } from '../../src/invitations/channel-fallback';
import { createSecretBox, parseSecretsKey, type SecretKeyring } from '../../src/shared/secrets';
import {
  openTwilio,
  reencryptTwilio,
  sealTwilio,
  twilioView,
} from '../../src/workspaces/workspace-twilio';

const ring = (value: string) => parseSecretsKey(value) as SecretKeyring;
const OLD = `old:${Buffer.alloc(32, 1).toString('base64')}`;
const NEW = `new:${Buffer.alloc(32, 2).toString('base64')}`;
const box = createSecretBox(ring(OLD));
const ws = new Types.ObjectId();
const ACCOUNT = `AC${'a'.repeat(32)}`;
const TOKEN = 'the-auth-token-of-acme-9f3a';

describe('a workspace Twilio account at rest', () => {
  test('when sealed, then only ciphertext and the last 4 are stored, and opening gives the token back', () => {
    const stored = sealTwilio(
      box,
      ws,
      { accountSid: ACCOUNT, authToken: TOKEN, smsFrom: '+33700000001' },
      null,
    );
    expect(stored.authToken).toMatch(/^enc:v1:old:/);
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
    expect(twilioView(stored)).toEqual({
      accountSid: ACCOUNT,
      authTokenLast4: '9f3a',
      apiKeySid: null,
      apiKeySecretLast4: null,
      messagingServiceSid: null,
      smsFrom: '+33700000001',
      whatsappFrom: null,
    });
    expect(openTwilio(box, ws, stored)).toMatchObject({ accountSid: ACCOUNT, authToken: TOKEN });
  });

  test('when opened for another workspace, then it does not decrypt (the workspace id is authenticated)', () => {
    const stored = sealTwilio(
      box,
      ws,
      { accountSid: ACCOUNT, authToken: TOKEN, smsFrom: '+33700000001' },
      null,
    );
    expect(() => openTwilio(box, new Types.ObjectId(), stored)).toThrow(/Cannot decrypt/);
  });

  test('when the token is left out for the same account, then the stored one is kept; for another account, 400 names authToken', () => {
    const first = sealTwilio(
      box,
      ws,
      { accountSid: ACCOUNT, authToken: TOKEN, smsFrom: '+33700000001' },
      null,
    );
    const kept = sealTwilio(box, ws, { accountSid: ACCOUNT, smsFrom: '+33700000002' }, first);
    expect(kept.authToken).toBe(first.authToken);
    expect(kept.revision).not.toBe(first.revision);
    expect(() =>
      sealTwilio(box, ws, { accountSid: `AC${'b'.repeat(32)}`, smsFrom: '+33700000002' }, first),
    ).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [expect.objectContaining({ path: 'twilio.authToken' })],
      }),
    );
  });

  test('when the keys rotate, then re-encryption moves the secrets to the new key and they still open', () => {
    const stored = sealTwilio(
      box,
      ws,
      {
        accountSid: ACCOUNT,
        apiKeySid: `SK${'c'.repeat(32)}`,
        apiKeySecret: 'api-key-secret-5e6f',
        smsFrom: '+33700000001',
      },
      null,
    );
    const rotated = createSecretBox(ring(`${NEW},${OLD}`));
    const again = reencryptTwilio(rotated, ws, stored)!;
    expect(again.apiKeySecret).toMatch(/^enc:v1:new:/);
    expect(reencryptTwilio(rotated, ws, again)).toBeNull();
    expect(openTwilio(createSecretBox(ring(NEW)), ws, again)?.apiKeySecret).toBe(
      'api-key-secret-5e6f',
    );
  });
});

describe('channels left after a fallback', () => {
  test('when a channel failed permanently, then it is no longer a choice; without a fallback all remain', () => {
    expect(
      openChannels({ channels: ['whatsapp', 'sms', 'email'], fallback: { from: 'whatsapp' } }),
    ).toEqual(['sms', 'email']);
    expect(openChannels({ channels: ['sms', 'email'], fallback: null })).toEqual(['sms', 'email']);
  });
});

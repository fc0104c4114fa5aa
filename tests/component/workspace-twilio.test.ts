import { Types } from 'mongoose';
import request from 'supertest';
import { postTwilioWebhook, signTwilioRequest } from '../support/fake-twilio';
import { TEST_PUBLIC_URL, useDeliveryApp } from '../support/delivery-env';
import { createAnyTimeWorkspace, type TestWorkspace } from '../support/harness';
import { waitFor } from '../support/wait-for';

/** Each workspace its own Twilio account: settings, sends, webhooks and the credentials check. */
const app = useDeliveryApp('workspace-twilio', { workers: true });
beforeEach(() => app.fakes.twilio.reset());

const hex = (n: number, digit: string) => digit.repeat(n);
const ACME = {
  accountSid: `AC${hex(32, 'a')}`,
  authToken: 'acme-auth-token-0001-9f3a',
  messagingServiceSid: `MG${hex(32, 'a')}`,
  smsFrom: '+33700000101',
};
const GLOBEX = {
  accountSid: `AC${hex(32, 'b')}`,
  authToken: 'globex-auth-token-0002-7c1d',
  smsFrom: '+33700000202',
  whatsappFrom: '+33700000203',
};
const KEYED = {
  accountSid: `AC${hex(32, 'c')}`,
  authToken: 'keyed-auth-token-0003-aaaa',
  apiKeySid: `SK${hex(32, 'c')}`,
  apiKeySecret: 'keyed-api-key-secret-0003-5e6f',
};

beforeAll(() => {
  const fake = app.fakes.twilio;
  fake.addAccount({
    accountSid: ACME.accountSid,
    authToken: ACME.authToken,
    friendlyName: 'Acme',
    numbers: [
      { phoneNumber: ACME.smsFrom, sms: true, voice: true },
      { phoneNumber: '+33700000109', voice: true },
    ],
    messagingServices: [{ sid: ACME.messagingServiceSid, senders: [ACME.smsFrom] }],
  });
  fake.addAccount({
    accountSid: GLOBEX.accountSid,
    authToken: GLOBEX.authToken,
    numbers: [
      { phoneNumber: GLOBEX.smsFrom, sms: true },
      { phoneNumber: GLOBEX.whatsappFrom, sms: true },
    ],
  });
  fake.addAccount({
    accountSid: KEYED.accountSid,
    authToken: KEYED.authToken,
    apiKeys: [{ sid: KEYED.apiKeySid, secret: KEYED.apiKeySecret }],
    numbers: [{ phoneNumber: '+33700000301', sms: true }],
  });
});

let seq = 0;
const nextPhone = () => `+3361500${String(1000 + ++seq).padStart(4, '0')}`;

const patchTwilio = (ws: TestWorkspace, twilio: unknown) =>
  request(app.ctx.app).patch('/api/v1/workspace').set(ws.auth).send({ twilio });

async function trigger(ws: TestWorkspace, phone: string, channels = ['sms']) {
  seq += 1;
  const res = await request(app.ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id: `wt-${seq}`,
      type: 'ticket.solved',
      customer: { id: `c-${seq}`, name: 'Ana', phone, locale: 'fr' },
      survey: { type: 'nps', channels },
    })
    .expect(202);
  return res.body.invitations[0] as { id: string; url: string };
}

const rawWorkspace = (ws: TestWorkspace) =>
  app.ctx.container.mongo.collection('workspaces').findOne({ _id: ws.workspaceId });
const invitation = (id: string) =>
  app.ctx.container.mongo.collection('invitations').findOne({ _id: new Types.ObjectId(id) });
const settled = (id: string) =>
  waitFor(async () => {
    const doc = await invitation(id);
    return doc && ['sent', 'failed', 'suppressed'].includes(doc.status as string) ? doc : null;
  }, `invitation ${id} to settle`);

describe('per-workspace Twilio settings', () => {
  it('when an admin sets the account, then GET answers it without secrets (last 4 only) and the document holds only ciphertext; null returns to the default', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const set = await patchTwilio(ws, ACME).expect(200);
    expect(set.body.twilio).toEqual({
      accountSid: ACME.accountSid,
      authTokenLast4: '9f3a',
      apiKeySid: null,
      apiKeySecretLast4: null,
      messagingServiceSid: ACME.messagingServiceSid,
      smsFrom: ACME.smsFrom,
      whatsappFrom: null,
    });
    const got = await request(app.ctx.app).get('/api/v1/workspace').set(ws.auth).expect(200);
    expect(got.body.twilio).toEqual(set.body.twilio);
    expect(JSON.stringify(got.body)).not.toContain(ACME.authToken);

    const raw = await rawWorkspace(ws);
    expect(raw?.twilio.authToken).toMatch(/^enc:v1:/);
    expect(JSON.stringify(raw)).not.toContain(ACME.authToken);

    // Changing a sender keeps the stored token of the same account.
    const moved = await patchTwilio(ws, { ...ACME, authToken: undefined, smsFrom: '+33700000109' });
    expect(moved.status).toBe(200);
    expect(moved.body.twilio).toMatchObject({ authTokenLast4: '9f3a', smsFrom: '+33700000109' });

    const cleared = await patchTwilio(ws, null).expect(200);
    expect(cleared.body.twilio).toBeNull();
    expect((await rawWorkspace(ws))?.twilio).toBeNull();
  });

  it('when the settings are incomplete or malformed, then 400 names the field and nothing is saved', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const bad = await patchTwilio(ws, { ...ACME, accountSid: 'AC123' }).expect(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: 'twilio.accountSid' }));
    const noToken = await patchTwilio(ws, { accountSid: ACME.accountSid, smsFrom: ACME.smsFrom });
    expect(noToken.status).toBe(400);
    expect(noToken.body.errors).toContainEqual(
      expect.objectContaining({ path: 'twilio.authToken' }),
    );
    const noSender = await patchTwilio(ws, {
      accountSid: ACME.accountSid,
      authToken: ACME.authToken,
    });
    expect(noSender.status).toBe(400);
    expect((await rawWorkspace(ws))?.twilio).toBeNull();
  });
});

describe('two workspaces, two Twilio accounts', () => {
  it('when each sends, then each account carries its own messages (Messaging Service preferred over From), with status callbacks at the workspace URL, and each URL accepts only its own token', async () => {
    const acme = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const globex = await createAnyTimeWorkspace(app.ctx, 'Globex');
    await patchTwilio(acme, ACME).expect(200);
    await patchTwilio(globex, GLOBEX).expect(200);

    const [pa, pg] = [nextPhone(), nextPhone()];
    const [ia, ig] = [await trigger(acme, pa), await trigger(globex, pg)];
    expect((await settled(ia.id)).status).toBe('sent');
    expect((await settled(ig.id)).status).toBe('sent');

    const toAcme = app.fakes.twilio.messages.find((m) => m.to === pa)!;
    const toGlobex = app.fakes.twilio.messages.find((m) => m.to === pg)!;
    expect(toAcme).toMatchObject({
      accountSid: ACME.accountSid,
      messagingServiceSid: ACME.messagingServiceSid,
      from: undefined,
      statusCallback: `${TEST_PUBLIC_URL}/webhooks/twilio/${acme.workspace.slug}/status`,
    });
    expect(toGlobex).toMatchObject({
      accountSid: GLOBEX.accountSid,
      from: GLOBEX.smsFrom,
      statusCallback: `${TEST_PUBLIC_URL}/webhooks/twilio/${globex.workspace.slug}/status`,
    });

    // Each receipt, signed with its account's token, lands at its workspace's URL.
    const acmeStatus = `/webhooks/twilio/${acme.workspace.slug}/status`;
    await postTwilioWebhook(
      app.ctx.app,
      { token: ACME.authToken, publicUrl: TEST_PUBLIC_URL },
      acmeStatus,
      { ...app.fakes.twilio.statusCallbackParams(toAcme), MessageStatus: 'delivered' },
    );
    expect((await invitation(ia.id))?.status).toBe('delivered');

    // Globex's receipt signed with Globex's token but posted to Acme's URL: refused.
    const globexParams = {
      ...app.fakes.twilio.statusCallbackParams(toGlobex),
      MessageStatus: 'delivered',
    };
    await request(app.ctx.app)
      .post(acmeStatus)
      .set(
        'X-Twilio-Signature',
        signTwilioRequest(GLOBEX.authToken, `${TEST_PUBLIC_URL}${acmeStatus}`, globexParams),
      )
      .type('form')
      .send(globexParams)
      .expect(403);
    // Nor does the shared URL take Globex's token.
    await request(app.ctx.app)
      .post('/webhooks/twilio/status')
      .set(
        'X-Twilio-Signature',
        signTwilioRequest(
          GLOBEX.authToken,
          `${TEST_PUBLIC_URL}/webhooks/twilio/status`,
          globexParams,
        ),
      )
      .type('form')
      .send(globexParams)
      .expect(403);
    expect((await invitation(ig.id))?.status).toBe('sent');
    await postTwilioWebhook(
      app.ctx.app,
      { token: GLOBEX.authToken, publicUrl: TEST_PUBLIC_URL },
      `/webhooks/twilio/${globex.workspace.slug}/status`,
      globexParams,
    );
    expect((await invitation(ig.id))?.status).toBe('delivered');
  });

  it("when a customer replies to a workspace's own number, then its inbound URL records the answer in that workspace", async () => {
    const globex = await createAnyTimeWorkspace(app.ctx, 'Globex');
    await patchTwilio(globex, GLOBEX).expect(200);
    const phone = nextPhone();
    const inv = await trigger(globex, phone);
    await settled(inv.id);
    const reply = await postTwilioWebhook(
      app.ctx.app,
      { token: GLOBEX.authToken, publicUrl: TEST_PUBLIC_URL },
      `/webhooks/twilio/${globex.workspace.slug}/inbound`,
      app.fakes.twilio.inbound({ from: phone, to: GLOBEX.smsFrom, body: '10' }),
    );
    expect(reply.text).toContain('<Message>');
    const response = await app.ctx.container.mongo
      .collection('responses')
      .findOne({ workspaceId: globex.workspaceId, invitationId: new Types.ObjectId(inv.id) });
    expect(response).toMatchObject({ score: 10, source: 'sms-reply' });
  });

  it('when the workspace uses an API key, then sends authenticate with it; without an auth token its webhooks are refused with the reason', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Keyed');
    const { authToken: _unused, ...keyOnly } = KEYED;
    await patchTwilio(ws, { ...keyOnly, smsFrom: '+33700000301' }).expect(200);
    const phone = nextPhone();
    const inv = await trigger(ws, phone);
    expect((await settled(inv.id)).status).toBe('sent');
    expect(app.fakes.twilio.messages.find((m) => m.to === phone)?.accountSid).toBe(
      KEYED.accountSid,
    );
    const path = `/webhooks/twilio/${ws.workspace.slug}/status`;
    const params = { MessageSid: 'SM1', MessageStatus: 'delivered' };
    const refused = await request(app.ctx.app)
      .post(path)
      .set('X-Twilio-Signature', signTwilioRequest(KEYED.authToken, TEST_PUBLIC_URL + path, params))
      .type('form')
      .send(params)
      .expect(403);
    expect(refused.body.detail).toContain('no auth token');

    const check = await request(app.ctx.app)
      .post('/api/v1/workspace/twilio/check')
      .set(ws.auth)
      .expect(200);
    expect(check.body.problems).toEqual([
      expect.objectContaining({
        field: 'authToken',
        message: expect.stringContaining('signs webhooks'),
      }),
    ]);
  });
});

describe('checking the credentials', () => {
  it('when everything is right, then ok with the account name', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    await patchTwilio(ws, ACME).expect(200);
    const res = await request(app.ctx.app)
      .post('/api/v1/workspace/twilio/check')
      .set(ws.auth)
      .expect(200);
    expect(res.body).toEqual({
      ok: true,
      accountSid: ACME.accountSid,
      friendlyName: 'Acme',
      status: 'active',
      problems: [],
    });
  });

  it('when the token is wrong, then the check says so (Twilio 20003) and sends fail permanently', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    await patchTwilio(ws, { ...ACME, authToken: 'a-wrong-token-for-acme-0000' }).expect(200);
    const res = await request(app.ctx.app)
      .post('/api/v1/workspace/twilio/check')
      .set(ws.auth)
      .expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.problems).toEqual([
      {
        field: 'authToken',
        message: expect.stringContaining('Twilio refused the credentials (error 20003)'),
      },
    ]);
    const inv = await trigger(ws, nextPhone());
    expect(await settled(inv.id)).toMatchObject({ status: 'failed', reason: 'provider_20003' });
  });

  it('when a sender is not in the account or cannot send SMS, then each is named', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    await patchTwilio(ws, {
      accountSid: ACME.accountSid,
      authToken: ACME.authToken,
      smsFrom: '+33700000109',
      whatsappFrom: '+33799999999',
      messagingServiceSid: `MG${hex(32, 'f')}`,
    }).expect(200);
    const res = await request(app.ctx.app)
      .post('/api/v1/workspace/twilio/check')
      .set(ws.auth)
      .expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.problems).toEqual(
      expect.arrayContaining([
        { field: 'smsFrom', message: expect.stringContaining('has no SMS capability') },
        {
          field: 'whatsappFrom',
          message: expect.stringContaining('is not a phone number of account'),
        },
        { field: 'messagingServiceSid', message: expect.stringContaining('is not in account') },
      ]),
    );
  });

  it('when the workspace has no account of its own, then 409', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Plain');
    await request(app.ctx.app).post('/api/v1/workspace/twilio/check').set(ws.auth).expect(409);
  });
});

/**
 * Per-contact access and erasure requests, over data seeded through the real flow: an SMS survey
 * sent through the fake Twilio and answered by SMS reply, a link survey answered on the landing
 * page with a comment, the detractor rule's task with an agent's note quoting the comment, a STOP,
 * and an email survey still waiting in its BullMQ delay.
 */
import { Writable } from 'node:stream';
import { Binary, EJSON } from 'bson';
import { Types } from 'mongoose';
import request from 'supertest';
import { createLogger } from '../../src/shared/logger';
import { signGenericDelivery } from '../support/connectors/generic-signer';
import { signTwilioRequest } from '../support/fake-twilio';
import { TEST_PUBLIC_URL, TWILIO_FROM, useDeliveryApp } from '../support/delivery-env';
import { createAnyTimeWorkspace, type TestWorkspace } from '../support/harness';
import { waitFor } from '../support/wait-for';
import { answer, type TestInvitation } from './landing-helpers';

/** Every line the app and its workers log during the file, to check what reaches logs. */
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _enc, done) {
    logLines.push(chunk.toString('utf8'));
    done();
  },
});
const app = useDeliveryApp('privacy', {
  workers: true,
  build: { logger: createLogger('debug', 'privacy-test', logStream) },
});

const PERSON = {
  id: 'cust-zoe-7731',
  name: 'Zoé Quintard-Privacy',
  phone: '+33612349876',
  email: 'zoe.quintard@example.org',
  locale: 'fr',
};
const SMS_COMMENT = 'le technicien Marcel est venu sans pièce zqx';
const WEB_COMMENT = 'facture erronée deux fois wvk';

const api = (ws: TestWorkspace) => ({
  get: (path: string) => request(app.ctx.app).get(`/api/v1${path}`).set(ws.auth),
  post: (path: string, body?: object) =>
    request(app.ctx.app).post(`/api/v1${path}`).set(ws.auth).send(body),
  patch: (path: string, body: object) =>
    request(app.ctx.app).patch(`/api/v1${path}`).set(ws.auth).send(body),
});

let seq = 0;
async function interaction(
  ws: TestWorkspace,
  survey: Record<string, unknown>,
  customer: Record<string, unknown> = PERSON,
) {
  seq += 1;
  const res = await api(ws)
    .post('/interactions', {
      id: `ticket-privacy-${seq}`,
      type: 'ticket.solved',
      customer,
      agent: { id: 'agent-1', name: 'Bruno Agent' },
      team: 'Support',
      attributes: { product: 'fibre', region: 'north' },
      survey,
    })
    .expect(202);
  return res.body.invitations[0] as { id: string; url: string; status: string; reason?: string };
}

function inboundSms(from: string, body: string) {
  const params = {
    MessageSid: `SM${new Types.ObjectId()}`,
    From: from,
    To: TWILIO_FROM,
    Body: body,
  };
  const url = `${TEST_PUBLIC_URL}/webhooks/twilio/inbound`;
  return request(app.ctx.app)
    .post('/webhooks/twilio/inbound')
    .set('X-Twilio-Signature', signTwilioRequest(app.fakes.env.TWILIO_AUTH_TOKEN!, url, params))
    .type('form')
    .send(params)
    .expect(200);
}

const db = () => app.ctx.container.mongo.db!;
const invitationDoc = (id: string) =>
  db()
    .collection('invitations')
    .findOne({ _id: new Types.ObjectId(id) });

/** Binary fields (a connector's raw body) as their text, so a search can read them. */
function readable(value: unknown): unknown {
  if (value instanceof Binary) return Buffer.from(value.value()).toString('utf8');
  if (Array.isArray(value)) return value.map(readable);
  if (value && typeof value === 'object' && !(value instanceof Date) && !('_bsontype' in value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readable(v)]));
  return value;
}

/** Every document of every collection not of `otherWorkspace`, as extended JSON text. */
async function everyStoredDocument(otherWorkspace: Types.ObjectId): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const { name } of await db().listCollections().toArray()) {
    const docs = await db().collection(name).find({}).toArray();
    for (const doc of docs) {
      if (String(doc.workspaceId) === String(otherWorkspace)) continue;
      if (name === 'workspaces' && String(doc._id) === String(otherWorkspace)) continue;
      texts.set(`${name}/${String(doc._id)}`, EJSON.stringify(readable(doc), { relaxed: true }));
    }
  }
  return texts;
}

/** The person's strings, and where any of them is still stored. */
const NEEDLES = [
  PERSON.name,
  PERSON.phone,
  PERSON.phone.slice(1),
  PERSON.email,
  PERSON.id,
  SMS_COMMENT,
  WEB_COMMENT,
  'zqx',
  'wvk',
];
const tracesOf = (stored: Map<string, string>) =>
  [...stored].flatMap(([where, text]) =>
    NEEDLES.filter((n) => text.toLowerCase().includes(n.toLowerCase())).map(
      (n) => `${where}: ${n}`,
    ),
  );

const REPORTS = [
  '/reports/summary?type=nps',
  '/reports/summary?type=csat',
  '/reports/summary?type=ces',
  '/reports/volume?type=nps',
  '/reports/distribution?type=nps',
  '/reports/followup?type=nps',
];
/** One fixed range around today, so both reads ask for the same period. */
const RANGE = `&from=${new Date(Date.now() - 7 * 86400_000).toISOString()}&to=${new Date(Date.now() + 86400_000).toISOString()}`;
async function reportAnswers(ws: TestWorkspace) {
  const out: Record<string, unknown> = {};
  for (const path of REPORTS)
    out[path] = (
      await api(ws)
        .get(path + RANGE)
        .expect(200)
    ).body;
  return out;
}

describe('per-contact export and erasure', () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let contactId: string;
  let smsInv: { id: string };
  let webInv: TestInvitation;
  let pendingInv: { id: string };
  let taskId: string;

  beforeAll(async () => {
    ws = await createAnyTimeWorkspace(app.ctx, 'Privacy Co');
    other = await createAnyTimeWorkspace(app.ctx, 'Other Co');
    for (const w of [ws, other])
      await app.ctx.container.services.workspaces.updateSettings(w.workspaceId, {
        fatigueWindowDays: 0,
      });
    // Another workspace knows the same person: nothing of it may change.
    await interaction(other, { type: 'nps', channels: ['link'] });

    // 1. An SMS survey, sent through Twilio, answered by an SMS reply with a comment.
    smsInv = await interaction(ws, { type: 'nps', channels: ['sms'] });
    await waitFor(async () => (await invitationDoc(smsInv.id))?.status === 'sent', 'the SMS');
    await inboundSms(PERSON.phone, `3 ${SMS_COMMENT}`);
    // 2. The detractor rule's follow-up task, and an agent's note quoting the customer.
    const task = await waitFor(
      () => db().collection('tasks').findOne({ workspaceId: ws.workspaceId }),
      'the detractor task',
    );
    taskId = String(task._id);
    await api(ws)
      .patch(`/tasks/${taskId}`, {
        note: `Called ${PERSON.name} on ${PERSON.phone}: "${SMS_COMMENT}"`,
      })
      .expect(200);
    // 3. A link survey answered on the landing page, with a comment.
    const link = await interaction(ws, { type: 'csat', channels: ['link'] });
    const path = new URL(link.url).pathname;
    webInv = { id: link.id, path, token: path.split('/')[2]! };
    await answer(app.ctx, webInv, { score: '2', comment: WEB_COMMENT }, 303);
    // 4. An email survey waiting an hour in its delayed job.
    pendingInv = await interaction(ws, { type: 'ces', channels: ['email'], delay: 'PT1H' });
    // 5. The customer's ticket closed in the in-house CRM, posted through a generic connector.
    const connector = (
      await api(ws)
        .post('/connectors', {
          provider: 'generic',
          name: 'CRM',
          mapping: {
            id: 'ticket.id',
            'customer.id': 'ticket.requester.id',
            'customer.email': 'ticket.requester.email',
            'customer.name': 'ticket.requester.name',
          },
          survey: { type: 'nps', channels: ['link'] },
        })
        .expect(201)
    ).body as { id: string; secret: string };
    const ticket = JSON.stringify({
      ticket: {
        id: 5501,
        requester: { id: PERSON.id, email: PERSON.email, name: PERSON.name },
      },
    });
    const signed = signGenericDelivery(connector.secret, ticket, { deliveryId: 'crm-5501' });
    const deliver = () =>
      request(app.ctx.app).post(`/webhooks/connectors/${connector.id}`).set(signed).send(ticket);
    await deliver().expect(202);
    // The CRM retries: a repeat is logged as a row of its own.
    await deliver().expect(200, { duplicate: true });
    await waitFor(
      async () =>
        (await db()
          .collection('connector_deliveries')
          .countDocuments({ workspaceId: ws.workspaceId, outcome: 'accepted' })) === 1,
      'the connector delivery',
    );
    // 6. The customer texts STOP.
    await inboundSms(PERSON.phone, 'STOP');
    contactId = (await api(ws).get(`/contacts/${PERSON.id}`).expect(200)).body.id;
    // The rules have run on both answers before anything is read.
    await waitFor(
      async () =>
        (await db()
          .collection('responses')
          .countDocuments({ workspaceId: ws.workspaceId, comment: { $ne: null } })) === 2 &&
        (await db()
          .collection('action_log')
          .countDocuments({
            workspaceId: ws.workspaceId,
            status: { $in: ['running', 'queued'] },
          })) === 0,
      'the answers and their rules',
    );
  }, 60_000);

  it('when the export is asked by id, then one JSON document holds every item seeded for the person', async () => {
    const res = await api(ws).get(`/contacts/${contactId}/export`).expect(200);
    const doc = res.body;
    expect(doc).toMatchObject({
      workspace: { id: String(ws.workspaceId), name: 'Privacy Co' },
      contactId,
    });
    expect(Date.parse(doc.exportedAt)).not.toBeNaN();
    const c = doc.collections;
    expect(c.contacts).toEqual([
      expect.objectContaining({
        _id: contactId,
        externalId: PERSON.id,
        name: PERSON.name,
        phone: PERSON.phone,
        email: PERSON.email,
        optOut: expect.objectContaining({ sms: true }),
      }),
    ]);
    expect(c.interactions).toHaveLength(4);
    expect(c.interactions[0].customer).toMatchObject({ name: PERSON.name });
    const invitations = Object.fromEntries(
      c.invitations.map((i: { _id: string }) => [i._id, i]),
    ) as Record<string, { status: string; to: string | null; history: { status: string }[] }>;
    // The three posted through the API and the one the connector's ticket made.
    expect(Object.keys(invitations)).toHaveLength(4);
    expect(Object.keys(invitations)).toEqual(
      expect.arrayContaining([smsInv.id, webInv.id, pendingInv.id]),
    );
    expect(invitations[smsInv.id]).toMatchObject({ status: 'answered', to: PERSON.phone });
    expect(invitations[smsInv.id]!.history.map((h) => h.status)).toEqual(
      expect.arrayContaining(['scheduled', 'sending', 'sent', 'answered']),
    );
    expect(invitations[pendingInv.id]).toMatchObject({ status: 'scheduled', to: PERSON.email });
    expect(c.invitations.every((i: object) => !('tokenHash' in i))).toBe(true);
    expect(c.responses.map((r: { comment: string }) => r.comment).sort()).toEqual(
      [SMS_COMMENT, WEB_COMMENT].sort(),
    );
    expect(c.responses.find((r: { source: string }) => r.source === 'sms-reply')).toMatchObject({
      score: 3,
      category: 'detractor',
    });
    const task = c.tasks.find((t: { _id: string }) => t._id === taskId);
    expect(task.notes.map((n: { text: string }) => n.text)).toEqual([
      expect.stringContaining(SMS_COMMENT),
    ]);
    expect(c.address_suppressions).toEqual([
      expect.objectContaining({
        kind: 'phone',
        address: PERSON.phone,
        workspaceId: String(ws.workspaceId),
      }),
    ]);
    expect(c.action_log.length).toBeGreaterThanOrEqual(2);
    // The raw event as the CRM sent it, readable, and its repeat.
    expect(c.connector_deliveries.map((d: { outcome: string }) => d.outcome).sort()).toEqual([
      'accepted',
      'duplicate',
    ]);
    const accepted = c.connector_deliveries.find(
      (d: { outcome: string }) => d.outcome === 'accepted',
    );
    expect(accepted.body).toMatchObject({ ticket: { requester: { email: PERSON.email } } });
    expect(Object.keys(c).sort()).toEqual(
      [
        'action_log',
        'address_suppressions',
        'connector_deliveries',
        'contacts',
        'interactions',
        'invitations',
        'responses',
        'reward_codes',
        'smsreasks',
        'tasks',
      ].sort(),
    );
  });

  it('when the export is asked by external id, email or phone, then it is the same person', async () => {
    for (const q of [
      `externalId=${PERSON.id}`,
      `email=${encodeURIComponent(PERSON.email.toUpperCase())}`,
      `phone=${encodeURIComponent(PERSON.phone)}`,
    ]) {
      const res = await api(ws).get(`/contacts/export?${q}`).expect(200);
      expect(res.body.contactId).toBe(contactId);
    }
    const unknown = await api(ws).get('/contacts/export?phone=%2B33600000000').expect(404);
    expect(unknown.type).toBe('application/problem+json');
  });

  it('when the export query names no way or two ways to find the person, then 400 naming the field', async () => {
    const none = await api(ws).get('/contacts/export').expect(400);
    expect(none.type).toBe('application/problem+json');
    expect(none.body.errors).toEqual([expect.objectContaining({ path: 'externalId' })]);
    const two = await api(ws)
      .get(`/contacts/export?phone=${encodeURIComponent(PERSON.phone)}&externalId=x`)
      .expect(400);
    expect(two.body.errors).toEqual([expect.objectContaining({ path: 'externalId' })]);
    const bad = await api(ws).get('/contacts/export?phone=0612').expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'phone' })]);
  });

  it('when two contacts share the email asked for, then 409 listing both, to export each by id', async () => {
    const shared = await createAnyTimeWorkspace(app.ctx, 'Shared Co');
    const email = 'shared.inbox@example.org';
    await interaction(shared, { type: 'nps', channels: ['link'] }, { id: 'crm-1', email });
    await interaction(shared, { type: 'nps', channels: ['link'] }, { id: 'crm-2', email });
    const ids = await Promise.all(
      ['crm-1', 'crm-2'].map(
        async (id) => (await api(shared).get(`/contacts/${id}`).expect(200)).body.id as string,
      ),
    );
    const res = await api(shared).get(`/contacts/export?email=${email}`).expect(409);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors.map((e: { message: string }) => e.message).sort()).toEqual(ids.sort());
    await api(shared).get(`/contacts/crm-2/export`).expect(200);
  });

  it('when an API key without the admin scope asks, then 403', async () => {
    const { key } = await app.ctx.container.services.workspaces.issueApiKey(ws.workspaceId, {
      name: 'reader',
      scopes: ['contacts:read', 'reports:read'],
    });
    const auth = { Authorization: `Bearer ${key}` };
    await request(app.ctx.app).get(`/api/v1/contacts/${contactId}/export`).set(auth).expect(403);
    await request(app.ctx.app).post(`/api/v1/contacts/${contactId}/erase`).set(auth).expect(403);
  });

  it('when the contact is erased, then no trace of them is left, reports are unchanged, the pending survey is cancelled and its job removed, and a second erasure counts zero', async () => {
    const dispatchEmail = app.ctx.container.queues['dispatch-email'];
    expect(await dispatchEmail.getJob(pendingInv.id)).toBeDefined();
    const reportsBefore = await reportAnswers(ws);
    // The reports have something to lose: the SMS answer is counted.
    expect(reportsBefore['/reports/volume?type=nps']).toMatchObject({
      totals: { answers: 1 },
    });
    const otherBefore = await api(other).get(`/contacts/${PERSON.id}`).expect(200);

    // The search finds the person before the erasure, so finding nothing after means something.
    const tracesBefore = tracesOf(await everyStoredDocument(other.workspaceId));
    expect(new Set(tracesBefore.map((t) => t.split('/')[0]))).toEqual(
      new Set([
        'contacts',
        'interactions',
        'invitations',
        'responses',
        'tasks',
        'address_suppressions',
        'connector_deliveries',
      ]),
    );

    const first = await api(ws).post(`/contacts/${contactId}/erase`).expect(200);
    expect(first.body).toMatchObject({ contactId, erased: expect.any(Object) });
    expect(first.body.erased).toMatchObject({
      contacts: 1,
      interactions: 4,
      invitations: 4,
      responses: 2,
      tasks: 2,
      // The plain STOP entry went; phone and email stay suppressed as keyed hashes.
      address_suppressions: 3,
    });

    // No trace: every document of every collection, searched for the person's strings.
    const stored = await everyStoredDocument(other.workspaceId);
    expect(stored.size).toBeGreaterThan(20);
    expect(tracesOf(stored)).toEqual([]);

    // The anonymous facts stay: every report answers the same.
    expect(await reportAnswers(ws)).toEqual(reportsBefore);

    // The survey still waiting is cancelled and its delayed job gone.
    expect(await dispatchEmail.getJob(pendingInv.id)).toBeUndefined();
    expect(await invitationDoc(pendingInv.id)).toMatchObject({
      status: 'suppressed',
      reason: 'contact_erased',
      to: null,
    });

    // Idempotent: the same shape, nothing left to erase.
    const second = await api(ws).post(`/contacts/${contactId}/erase`).expect(200);
    expect(Object.keys(second.body.erased).sort()).toEqual(Object.keys(first.body.erased).sort());
    expect(Object.values(second.body.erased)).toEqual(Object.keys(first.body.erased).map(() => 0));
    expect(second.body.contactId).toBe(contactId);

    // The other workspace's contact with the same phone is untouched.
    expect((await api(other).get(`/contacts/${PERSON.id}`).expect(200)).body).toEqual(
      otherBefore.body,
    );
  });

  it('when an erased person is posted again under a new customer id, then SMS and email are suppressed; the other workspace still surveys the same phone', async () => {
    const again = { ...PERSON, id: 'cust-zoe-new-id' };
    const sms = await interaction(ws, { type: 'nps', channels: ['sms'] }, again);
    expect(sms).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
    const email = await interaction(ws, { type: 'csat', channels: ['email'] }, again);
    expect(email).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
    const elsewhere = await interaction(other, { type: 'csat', channels: ['sms'] });
    expect(elsewhere.status).toBe('scheduled');
  });

  it("when the whole flow ran, then the logs hold none of the person's phone, email or words", async () => {
    const logs = logLines.join('');
    // The flow did log (requests, sends), so an empty search means something.
    expect(logs).toContain('/api/v1/contacts/export?phone=');
    expect(logs).toContain('+33 6•• •• •• 76');
    for (const needle of [
      PERSON.phone,
      PERSON.phone.slice(1),
      PERSON.email,
      SMS_COMMENT,
      WEB_COMMENT,
    ])
      expect({ needle, found: logs.includes(needle) }).toEqual({ needle, found: false });
  });

  it('when a contact of another workspace is asked for, then 404 and nothing changes', async () => {
    await api(other).get(`/contacts/${contactId}/export`).expect(404);
    await api(other).post(`/contacts/${contactId}/erase`).expect(404);
  });
});

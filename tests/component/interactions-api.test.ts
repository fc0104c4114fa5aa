import { Types } from 'mongoose';
import request from 'supertest';
import { dispatchQueueName } from '../../src/shared/queues';
import { useDeliveryApp } from '../support/delivery-env';
import { triggerModel } from '../../src/triggers/trigger.model';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

const app = useDeliveryApp('interactions-api');

const HOUR = 3_600_000;
let seq = 0;
function interaction(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    id: `ticket-${seq}`,
    type: 'ticket.solved',
    occurredAt: new Date().toISOString(),
    customer: {
      id: `c-${seq}`,
      name: 'Alice Martin',
      phone: '+33612345678',
      email: 'alice@example.com',
      locale: 'fr',
      timezone: 'UTC',
    },
    agent: { id: 'a-7', name: 'Bruno' },
    team: 'billing',
    channel: 'phone',
    attributes: { product: 'Pro plan', region: 'FR', revenue: 1200 },
    survey: { type: 'nps', channels: ['sms', 'email'] },
    ...overrides,
  };
}

async function noQuietHours(ws: TestWorkspace) {
  await request(app.ctx.app)
    .patch('/api/v1/workspace')
    .set(ws.auth)
    .send({ quietHours: null })
    .expect(200);
}

const post = (ws: TestWorkspace, body: object) =>
  request(app.ctx.app).post('/api/v1/interactions').set(ws.auth).send(body);

describe('POST /api/v1/interactions', () => {
  it('when an interaction asks for a survey, then 202 with a scheduled invitation, its link and a delayed job', async () => {
    const ws = await createTestWorkspace(app.ctx);
    await noQuietHours(ws);
    const body = interaction({
      survey: { type: 'nps', channels: ['sms', 'email'], delay: 'PT1H' },
    });
    const res = await post(ws, body).expect(202);
    expect(res.body.interaction.externalId).toBe(body.id);
    expect(res.body.invitations).toHaveLength(1);
    const [inv] = res.body.invitations;
    expect(inv).toMatchObject({ type: 'nps', channel: 'sms', status: 'scheduled' });
    expect(inv.url).toMatch(/^http:\/\/retour\.test\/s\/[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(inv.scheduledFor) - Date.parse(body.occurredAt as string)).toBe(HOUR);

    const job = await app.ctx.container.queues[dispatchQueueName('sms')].getJob(inv.id);
    expect(job?.data).toEqual({
      invitationId: inv.id,
      workspaceId: ws.workspace.id,
      kind: 'initial',
    });
    expect(await job?.getState()).toBe('delayed');
    const stored = await app.ctx.container.mongo
      .collection('invitations')
      .findOne({ workspaceId: ws.workspaceId });
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(inv.url.split('/s/')[1]);
  });

  it('when the same id is posted again, then 200 with the same body and nothing new is scheduled', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const body = interaction();
    const first = await post(ws, body).expect(202);
    const again = await post(ws, { ...body, type: 'changed' }).expect(200);
    expect(again.body).toEqual(first.body);
    expect(
      await app.ctx.container.mongo
        .collection('invitations')
        .countDocuments({ workspaceId: ws.workspaceId }),
    ).toBe(1);
  });

  it('when 10 posts of one id arrive at once, then exactly one invitation exists and all answers agree', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const body = interaction();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(ws, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 202,
    ]);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect(
      await app.ctx.container.mongo
        .collection('invitations')
        .countDocuments({ workspaceId: ws.workspaceId }),
    ).toBe(1);
    expect(
      await app.ctx.container.mongo
        .collection('interactions')
        .countDocuments({ workspaceId: ws.workspaceId }),
    ).toBe(1);
    const jobs = await app.ctx.container.queues[dispatchQueueName('sms')].getJobs([
      'delayed',
      'waiting',
      'active',
      'completed',
    ]);
    expect(jobs.filter((j) => j.data.workspaceId === ws.workspace.id)).toHaveLength(1);
  });

  it.each([
    ['id', { id: undefined }],
    ['type', { type: '' }],
    ['customer.phone', { customer: { id: 'c', phone: '0612345678' } }],
    ['survey.type', { survey: { type: 'ces-7' } }],
    ['survey.channels.0', { survey: { type: 'nps', channels: ['fax'] } }],
    ['survey.delay', { survey: { type: 'nps', delay: 'one hour' } }],
    ['customer', { customer: { id: 'c-no-address' } }],
    ['occurredAt', { occurredAt: 'yesterday' }],
  ])(
    'when %s is bad, then 400 problem+json names it and nothing is stored',
    async (path, overrides) => {
      const ws = await createTestWorkspace(app.ctx);
      const res = await post(ws, interaction(overrides)).expect(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      for (const collection of ['interactions', 'invitations', 'contacts']) {
        expect(
          await app.ctx.container.mongo
            .collection(collection)
            .countDocuments({ workspaceId: ws.workspaceId }),
        ).toBe(0);
      }
    },
  );

  it('when several fields are bad, then each is named', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const res = await post(ws, {
      customer: { phone: '12', email: 'nope' },
      survey: { type: 'x' },
    }).expect(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining(['customer.email', 'customer.phone', 'id', 'survey.type', 'type']),
    );
  });

  it('when the key is missing or lacks the scope, then 401 or 403', async () => {
    await request(app.ctx.app).post('/api/v1/interactions').send(interaction()).expect(401);
    const reader = await createTestWorkspace(app.ctx, 'Reader', ['reports:read']);
    await post(reader, interaction()).expect(403);
  });

  it('when the channel is link, then the url comes back for the caller to post into its chat', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const res = await post(
      ws,
      interaction({ customer: { id: 'chat-only' }, survey: { type: 'csat', channels: ['link'] } }),
    ).expect(202);
    expect(res.body.invitations[0]).toMatchObject({
      channel: 'link',
      status: 'scheduled',
      type: 'csat',
    });
    expect(res.body.invitations[0].url).toMatch(/\/s\//);
  });

  it('when GET /api/v1/contacts/:id is asked by customer id, then the contact upserted from the interaction is returned', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const body = interaction();
    await post(ws, body).expect(202);
    const res = await request(app.ctx.app)
      .get(`/api/v1/contacts/${(body.customer as { id: string }).id}`)
      .set(ws.auth)
      .expect(200);
    expect(res.body).toMatchObject({
      phone: '+33612345678',
      email: 'alice@example.com',
      locale: 'fr',
      optOut: {},
    });
    const other = await createTestWorkspace(app.ctx);
    await request(app.ctx.app).get(`/api/v1/contacts/${res.body.id}`).set(other.auth).expect(404);
  });
});

describe('triggers decide when the request names no survey', () => {
  it('when an event matches an active trigger and its conditions, then that survey is scheduled on its channels', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const surveys = await request(app.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const csat = surveys.body.surveys.find((s: { type: string }) => s.type === 'csat');
    const trigger = await request(app.ctx.app)
      .post('/api/v1/triggers')
      .set(ws.auth)
      .send({
        name: 'CSAT after billing tickets',
        eventType: 'ticket.solved',
        conditions: {
          all: [
            { field: 'team', op: 'eq', value: 'billing' },
            { field: 'attributes.revenue', op: 'gte', value: 1000 },
          ],
        },
        surveyId: csat.id,
        channels: ['email', 'sms'],
        delay: 'PT2H',
      })
      .expect(201);
    expect(trigger.body).toMatchObject({ delay: 'PT2H', samplingRate: 100, active: true });

    const matched = await post(ws, interaction({ survey: undefined })).expect(202);
    expect(matched.body.invitations).toEqual([
      expect.objectContaining({ type: 'csat', channel: 'email', survey: csat.id }),
    ]);
    const unmatched = await post(ws, interaction({ survey: undefined, team: 'sales' })).expect(202);
    expect(unmatched.body.invitations).toEqual([]);
    const otherEvent = await post(
      ws,
      interaction({ survey: undefined, type: 'order.delivered' }),
    ).expect(202);
    expect(otherEvent.body.invitations).toEqual([]);
  });

  it('when two triggers of one survey tie on creation time, then the one with the lower id decides the channel', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const surveys = await request(app.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const csat = surveys.body.surveys.find((s: { type: string }) => s.type === 'csat');
    // Stored in the reverse of their id order: a store that keeps insertion order for equal
    // sort keys would let "later" win unless the sort ends with _id.
    const earlier = new Types.ObjectId();
    const later = new Types.ObjectId();
    const at = new Date('2026-10-01T09:00:00Z');
    const trigger = (_id: Types.ObjectId, channel: string) => ({
      _id,
      workspaceId: ws.workspaceId,
      name: channel,
      eventType: 'ticket.solved',
      conditions: null,
      surveyId: new Types.ObjectId(String(csat.id)),
      channels: [channel],
      delayMs: 0,
      samplingRate: 100,
      active: true,
      createdAt: at,
      updatedAt: at,
    });
    await triggerModel(app.ctx.container.mongo).collection.insertMany([
      trigger(later, 'sms'),
      trigger(earlier, 'email'),
    ]);
    const listed = await request(app.ctx.app).get('/api/v1/triggers').set(ws.auth).expect(200);
    expect(listed.body.triggers.map((t: { id: string }) => t.id)).toEqual([
      String(earlier),
      String(later),
    ]);
    const res = await post(ws, interaction({ survey: undefined })).expect(202);
    expect(res.body.invitations).toEqual([
      expect.objectContaining({ survey: csat.id, channel: 'email' }),
    ]);
  });

  it('when a trigger is invalid, then 400 names the path; when deleted, then it no longer fires', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const bad = await request(app.ctx.app)
      .post('/api/v1/triggers')
      .set(ws.auth)
      .send({
        name: 't',
        eventType: 'x',
        surveyId: '0123456789abcdef01234567',
        channels: ['sms'],
        conditions: {
          all: [
            { field: 'password', op: 'eq', value: 1 },
            { field: 'team', op: 'near', value: 1 },
          ],
        },
      })
      .expect(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['conditions.all.0.field', 'conditions.all.1.op']);
    const noSurvey = await request(app.ctx.app)
      .post('/api/v1/triggers')
      .set(ws.auth)
      .send({ name: 't', eventType: 'x', surveyId: '0123456789abcdef01234567', channels: ['sms'] })
      .expect(400);
    expect(noSurvey.body.errors).toEqual([
      { path: 'surveyId', message: 'no such survey in this workspace' },
    ]);

    const surveys = await request(app.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const t = await request(app.ctx.app)
      .post('/api/v1/triggers')
      .set(ws.auth)
      .send({
        name: 't',
        eventType: 'chat.closed',
        surveyId: surveys.body.surveys[0].id,
        channels: ['sms'],
      })
      .expect(201);
    await request(app.ctx.app)
      .patch(`/api/v1/triggers/${t.body.id}`)
      .set(ws.auth)
      .send({ samplingRate: 50 })
      .expect(200);
    await request(app.ctx.app).delete(`/api/v1/triggers/${t.body.id}`).set(ws.auth).expect(204);
    const res = await post(ws, interaction({ survey: undefined, type: 'chat.closed' })).expect(202);
    expect(res.body.invitations).toEqual([]);
  });
});

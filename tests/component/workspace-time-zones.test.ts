import request from 'supertest';
import { Types } from 'mongoose';
import { contactModel } from '../../src/contacts/contact.model';
import { workspaceModel } from '../../src/workspaces/workspace.model';
import { many, seedAnswers } from './reports-helpers';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';

let ctx: TestContext;
let ws: TestWorkspace;

beforeAll(async () => {
  ctx = await startTestContext('workspace-time-zones');
  ws = await createTestWorkspace(ctx, 'Acme');
  await seedAnswers(ctx, ws, many(3, 10, '2026-10-05T10:00:00Z'));
});
afterAll(() => ctx.close());

const storedZone = async (id: Types.ObjectId) =>
  (await workspaceModel(ctx.container.mongo).findById(id).lean())?.timezone;

const weeklyTrend = (auth = ws.auth) =>
  request(ctx.app)
    .get('/api/v1/reports/summary')
    .query({ type: 'nps', from: '2026-10-01', to: '2026-10-31', groupBy: 'week' })
    .set(auth);

describe('workspace time zones are stored under their canonical IANA name', () => {
  it('when an admin types a zone in another case, then it is stored and shown canonical and reports still run', async () => {
    const res = await request(ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ timezone: 'america/new_york' })
      .expect(200);
    expect(res.body.timezone).toBe('America/New_York');
    expect(await storedZone(ws.workspaceId)).toBe('America/New_York');
    const report = await weeklyTrend().expect(200);
    expect(report.body.overall.n).toBe(3);
  });

  it('when an alias is typed, then the canonical zone is stored', async () => {
    await request(ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ timezone: 'Etc/UTC' })
      .expect(200);
    expect(await storedZone(ws.workspaceId)).toBe('UTC');
  });

  it('when a zone was stored as typed before, then the report fails as on mongod until the start-up migration rewrites it', async () => {
    const Workspaces = workspaceModel(ctx.container.mongo);
    await Workspaces.updateOne({ _id: ws.workspaceId }, { $set: { timezone: 'europe/paris' } });
    const broken = await weeklyTrend();
    expect(broken.status).toBe(500);

    const other = await createTestWorkspace(ctx, 'Unknown zone');
    await Workspaces.updateOne({ _id: other.workspaceId }, { $set: { timezone: 'Mars/Olympus' } });

    const first = await ctx.container.services.workspaces.canonicalizeTimeZones();
    expect(first.changed).toBe(1);
    expect(first.unknown).toEqual([other.workspace.id]);
    expect(await storedZone(ws.workspaceId)).toBe('Europe/Paris');
    expect(await storedZone(other.workspaceId)).toBe('Mars/Olympus');
    const again = await ctx.container.services.workspaces.canonicalizeTimeZones();
    expect(again.changed).toBe(0);

    const report = await weeklyTrend().expect(200);
    expect(report.body.overall.n).toBe(3);
  });

  it('when a customer time zone is typed in another case, then the contact keeps the canonical name', async () => {
    await request(ctx.app)
      .post('/api/v1/interactions')
      .set(ws.auth)
      .send({
        id: 'tz-ticket-1',
        type: 'ticket.solved',
        customer: {
          id: 'tz-c1',
          email: 'tz@example.com',
          timezone: 'america/argentina/buenos_aires',
        },
        survey: { type: 'nps', channels: ['email'] },
      })
      .expect(202);
    const contact = await contactModel(ctx.container.mongo)
      .findOne({ workspaceId: ws.workspaceId, externalId: 'tz-c1' })
      .lean();
    expect(contact?.timezone).toBe('America/Buenos_Aires');
  });
});

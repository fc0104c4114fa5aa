import request from 'supertest';
import { DateTime } from 'luxon';
import { digestSchedulerId } from '../../src/digest';
import { createWorkspacesService } from '../../src/workspaces';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';

let ctx: TestContext;
let ws: TestWorkspace;

beforeAll(async () => {
  ctx = await startTestContext('digest-schedule');
  ws = await createTestWorkspace(ctx, 'Acme');
});
afterAll(() => ctx.close());

const scheduler = (id = ws.workspaceId) =>
  ctx.container.queues.digest.getJobScheduler(digestSchedulerId(id));

describe('digest schedule follows the workspace time zone', () => {
  it('when an admin changes the time zone, then the Monday 08:00 digest scheduler runs in the new zone at once', async () => {
    expect(await scheduler()).toMatchObject({ tz: 'Europe/Paris' });
    const res = await request(ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ timezone: 'America/New_York' })
      .expect(200);
    expect(res.body.timezone).toBe('America/New_York');
    const after = await scheduler();
    expect(after).toMatchObject({ pattern: '0 8 * * 1', tz: 'America/New_York' });
    const next = DateTime.fromMillis(after!.next!, { zone: 'America/New_York' });
    expect({ weekday: next.weekday, hour: next.hour, minute: next.minute }).toEqual({
      weekday: 1,
      hour: 8,
      minute: 0,
    });
  });

  it('when other settings change, then the scheduler keeps its zone', async () => {
    await request(ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ fatigueWindowDays: 14, defaultLocale: 'fr' })
      .expect(200);
    expect(await scheduler()).toMatchObject({ tz: 'America/New_York' });
  });

  it('when the zone is invalid, then the PATCH is a 400 naming timezone and the scheduler is untouched', async () => {
    const res = await request(ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ timezone: 'Mars/Olympus' })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('timezone');
    expect(await scheduler()).toMatchObject({ tz: 'America/New_York' });
  });
});

describe('onTimezoneChanged hooks', () => {
  it('when settings are saved, then the hooks run only on a real zone change, and a failing hook is reported without failing the save', async () => {
    const calls: string[] = [];
    const errors: { message: string; event: string; id: string }[] = [];
    const workspaces = createWorkspacesService(ctx.container.mongo, {
      onTimezoneChanged: [
        async () => {
          throw new Error('redis away');
        },
        async (id) => {
          calls.push(String(id));
        },
      ],
      onHookError: (err, event, id) =>
        errors.push({ message: (err as Error).message, event, id: String(id) }),
    });
    const other = await createTestWorkspace(ctx, 'Other');
    const id = other.workspaceId;

    await workspaces.updateSettings(id, { fatigueWindowDays: 3 });
    await workspaces.updateSettings(id, { timezone: 'Europe/Paris' }); // its zone already
    expect(calls).toEqual([]);

    const saved = await workspaces.updateSettings(id, { timezone: 'Asia/Tokyo' });
    expect(saved.timezone).toBe('Asia/Tokyo');
    expect(calls).toEqual([String(id)]);
    expect(errors).toEqual([{ message: 'redis away', event: 'timezoneChanged', id: String(id) }]);
    expect((await workspaces.getWorkspace(id)).timezone).toBe('Asia/Tokyo');
  });
});

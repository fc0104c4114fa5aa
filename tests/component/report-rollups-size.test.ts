import request from 'supertest';
import { rollupRowModel } from '../../src/reports/rollups/rollup-row.model';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { seedAnswers, type SeedAnswer } from './reports-helpers';

/**
 * A workspace whose rollup of one day is bigger than MongoDB's 16 MiB document limit: 2,200
 * agents with long names. Built as one document (a $facet), the refresh would fail with
 * BSONObjectTooLarge on mongod, and on the stand-in, which enforces the limit.
 */
jest.setTimeout(120_000);
const AGENTS = 2200;
const NAME_BYTES = 8000;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('report-rollups-size', { REPORT_ROLLUPS_SETTLE_MS: '0' });
});
afterAll(() => ctx.close());

it(`when one day's rollup holds more than 16 MiB (${AGENTS} agents with ${NAME_BYTES}-byte names), then the refresh stores a row per agent and the report reads them`, async () => {
  const ws = await createTestWorkspace(ctx);
  const answers: SeedAnswer[] = Array.from({ length: AGENTS }, (_, i) => ({
    score: i % 11,
    at: '2026-10-14T10:00:00Z',
    segment: { agentId: `agent-${i}`, agentName: `${'N'.repeat(NAME_BYTES)}-${i}` },
  }));
  expect(AGENTS * NAME_BYTES).toBeGreaterThan(16 * 1024 * 1024);
  await seedAnswers(ctx, ws, answers);

  const summary = await ctx.container.services.reportRollups.refresh();
  expect(summary.days).toBeGreaterThanOrEqual(1);
  const Rows = rollupRowModel(ctx.container.mongo);
  expect(
    await Rows.countDocuments({ workspaceId: ws.workspaceId, kind: 'answers', dimension: 'agent' }),
  ).toBe(AGENTS);

  const res = await request(ctx.app)
    .get('/api/v1/reports/summary?type=nps&from=2026-10-14&to=2026-10-14')
    .set(ws.auth)
    .expect(200);
  expect(res.body.overall.n).toBe(AGENTS);
});

import { closeHarness, openHarness, type Harness } from './helpers';

// explain names the index whose in-memory lookup selects the candidates (IXSCAN), or COLLSCAN;
// an aggregate's leading $match reads through the same lookups as find.

let h: Harness;
beforeAll(async () => {
  h = await openHarness('explain');
});
afterAll(async () => {
  await closeHarness(h);
});

let n = 0;
interface Row {
  _id: number;
  ws: string;
  type: string;
  at: number;
  note?: string;
}
async function fresh() {
  const c = h.conn.db!.collection<Row>(`explain_${++n}`);
  await c.createIndex({ ws: 1, at: -1 });
  await c.createIndex({ ws: 1, type: 1, at: -1 });
  const rows = Array.from({ length: 40 }, (_, i) => ({
    _id: i,
    ws: i % 2 ? 'a' : 'b',
    type: i % 4 < 2 ? 'nps' : 'csat',
    at: i,
  }));
  await c.insertMany(rows);
  return c;
}

type Plan = { stage: string; indexName?: string; keyPattern?: object; inputStage?: Plan };
const winning = (reply: Record<string, unknown>) =>
  (reply.queryPlanner as { winningPlan: Plan }).winningPlan;

describe('explain', () => {
  test('when a find filters on an indexed prefix, then the plan is FETCH over an IXSCAN of that index', async () => {
    const c = await fresh();
    const plan = winning(await c.find({ ws: 'a', type: 'nps', at: { $gte: 3 } }).explain());
    expect(plan).toEqual({
      stage: 'FETCH',
      inputStage: {
        stage: 'IXSCAN',
        indexName: 'ws_1_type_1_at_-1',
        keyPattern: { ws: 1, type: 1, at: -1 },
      },
    });
  });

  test('when only the first field of several indexes is pinned, then the index whose next field the filter also reads is named', async () => {
    const c = await fresh();
    const plan = winning(await c.find({ ws: 'a', at: { $lt: 10 } }).explain());
    expect(plan.inputStage?.indexName).toBe('ws_1_at_-1');
  });

  test('when no index field is pinned, then the plan is a COLLSCAN', async () => {
    const c = await fresh();
    expect(winning(await c.find({ type: 'nps' }).explain()).stage).toBe('COLLSCAN');
    expect(winning(await c.find({ ws: { $gt: 'a' } }).explain()).stage).toBe('COLLSCAN');
  });

  test('when an aggregate is explained, then its leading $match is planned like a find', async () => {
    const c = await fresh();
    const pipeline = [
      { $match: { ws: 'b', type: 'csat' } },
      { $group: { _id: null, n: { $sum: 1 } } },
    ];
    // The driver's flag form ({ aggregate, explain: true }) and mongosh's explain command.
    const viaFlag = await c.aggregate(pipeline, { explain: true }).toArray();
    const viaCommand = await h.conn.db!.command({
      explain: { aggregate: c.collectionName, pipeline, cursor: {} },
      verbosity: 'executionStats',
    });
    for (const reply of [viaFlag[0] as Record<string, unknown>, viaCommand]) {
      expect(winning(reply).inputStage?.indexName).toBe('ws_1_type_1_at_-1');
    }
    expect(viaCommand.verbosity).toBe('executionStats');
    expect(await c.aggregate(pipeline).toArray()).toEqual([{ _id: null, n: 10 }]);
  });

  test('when an explained command is not a read, then the server says it is not supported', async () => {
    const c = await fresh();
    await expect(
      h.conn.db!.command({ explain: { delete: c.collectionName, deletes: [] } }),
    ).rejects.toThrow(/not supported/);
  });
});

import { startMongoServer } from '../../dev/mongo-server';
import { closeHarness, openHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('ttl', {}, { ttlSweepMs: 25 });
});
afterAll(async () => {
  await closeHarness(h);
});

const raw = (name: string) => h.conn.db!.collection(name);
const HOUR = 3600 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms);

/** Waits (bounded) until `check` holds; the sweep runs on its own timer. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not reached');
}

describe('TTL indexes', () => {
  test('when the sweep runs, then documents whose date plus expireAfterSeconds has passed are removed, others stay', async () => {
    const coll = raw('sessions');
    await coll.createIndex({ at: 1 }, { expireAfterSeconds: 3600 });
    await coll.insertMany([
      { name: 'old', at: ago(2 * HOUR) },
      { name: 'fresh', at: ago(HOUR / 2) },
      { name: 'array-old', at: [ago(HOUR / 4), ago(3 * HOUR)] }, // the earliest date counts
      { name: 'array-fresh', at: [ago(HOUR / 4), ago(HOUR / 2)] },
      { name: 'not-a-date', at: 'yesterday' },
      { name: 'no-field' },
    ]);
    await eventually(async () => (await coll.countDocuments({ name: 'old' })) === 0);
    const left = await coll.find({}, { projection: { _id: 0, name: 1 } }).toArray();
    expect(left.map((d) => d.name).sort()).toEqual([
      'array-fresh',
      'fresh',
      'no-field',
      'not-a-date',
    ]);
  });

  test('when a TTL index is partial, then only documents matching its filter expire', async () => {
    const coll = raw('tokens');
    await coll.createIndex(
      { at: 1 },
      { expireAfterSeconds: 0, partialFilterExpression: { kind: 'reset' } },
    );
    await coll.insertMany([
      { kind: 'reset', at: ago(HOUR) },
      { kind: 'invite', at: ago(HOUR) },
    ]);
    await eventually(async () => (await coll.countDocuments({ kind: 'reset' })) === 0);
    expect(await coll.countDocuments({ kind: 'invite' })).toBe(1);
  });

  test('when expireAfterSeconds sits on a compound index, then nothing expires, as mongod only sweeps single-field TTL indexes', async () => {
    const compound = raw('compound');
    await compound.createIndex({ at: 1, k: 1 }, { expireAfterSeconds: 0 });
    await compound.insertOne({ at: ago(HOUR), k: 1 });
    // A collection swept in the same pass shows that a sweep has run.
    const marker = raw('marker');
    await marker.createIndex({ at: 1 }, { expireAfterSeconds: 0 });
    await marker.insertOne({ at: ago(HOUR) });
    await eventually(async () => (await marker.countDocuments()) === 0);
    expect(await compound.countDocuments()).toBe(1);
  });
});

describe('the TTL sweep period', () => {
  const saved = process.env.MONGO_STANDIN_TTL_SWEEP_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.MONGO_STANDIN_TTL_SWEEP_MS;
    else process.env.MONGO_STANDIN_TTL_SWEEP_MS = saved;
  });

  test('when MONGO_STANDIN_TTL_SWEEP_MS is unset, then the server sweeps every 60 s as mongod does', async () => {
    delete process.env.MONGO_STANDIN_TTL_SWEEP_MS;
    const server = await startMongoServer({ quiet: true });
    await server.close();
    expect(server.ttlSweepMs).toBe(60_000);
  });

  test('when MONGO_STANDIN_TTL_SWEEP_MS is set, then the server uses it; a malformed value stops start-up', async () => {
    process.env.MONGO_STANDIN_TTL_SWEEP_MS = '250';
    const server = await startMongoServer({ quiet: true });
    await server.close();
    expect(server.ttlSweepMs).toBe(250);
    process.env.MONGO_STANDIN_TTL_SWEEP_MS = 'soon';
    await expect(startMongoServer({ quiet: true })).rejects.toThrow(/MONGO_STANDIN_TTL_SWEEP_MS/);
  });
});

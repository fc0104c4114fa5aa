import { startMongoServer } from '../../dev/mongo-server';
import { closeHarness, openHarness, type Harness } from './helpers';

// Eight documents share one sort key; `n` tells them apart.
const TIED = Array.from({ length: 8 }, (_, n) => ({ n, group: 'same' }));

interface Orders {
  find: number[];
  aggregate: number[];
  findAndModify: number;
}

/** On a fresh server with `seed`: the orders in which each sorting command returns the ties. */
async function tieOrders(seed: number): Promise<Orders> {
  let h: Harness | undefined;
  try {
    h = await openHarness('ties', {}, { sortTieSeed: seed });
    const coll = h.conn.db!.collection('tied');
    await coll.insertMany(TIED.map((d) => ({ ...d })));
    const find = (await coll.find({}).sort({ group: 1 }).toArray()).map((d) => d.n as number);
    const aggregate = (await coll.aggregate([{ $sort: { group: -1 } }]).toArray()).map(
      (d) => d.n as number,
    );
    const picked = await coll.findOneAndUpdate(
      { group: 'same' },
      { $set: { picked: true } },
      { sort: { group: 1 } },
    );
    return { find, aggregate, findAndModify: picked!.n as number };
  } finally {
    await closeHarness(h);
  }
}

const SEEDS = [1, 2, 3, 4, 5, 6];

describe('documents with equal sort keys', () => {
  let bySeed: Orders[];
  beforeAll(async () => {
    bySeed = [];
    for (const seed of SEEDS) bySeed.push(await tieOrders(seed));
  });

  test('when the seed differs, then find, aggregate $sort and findAndModify order the ties differently', () => {
    const distinct = (xs: unknown[]) => new Set(xs.map((x) => JSON.stringify(x))).size;
    expect(distinct(bySeed.map((o) => o.find))).toBeGreaterThan(1);
    expect(distinct(bySeed.map((o) => o.aggregate))).toBeGreaterThan(1);
    expect(distinct(bySeed.map((o) => o.findAndModify))).toBeGreaterThan(1);
    // Whatever the order, every document comes back once.
    for (const o of bySeed) {
      expect([...o.find].sort()).toEqual(TIED.map((d) => d.n));
      expect([...o.aggregate].sort()).toEqual(TIED.map((d) => d.n));
    }
  });

  test('when the seed is the same, then the same commands return the ties in the same order', async () => {
    expect(await tieOrders(SEEDS[2]!)).toEqual(bySeed[2]);
  });
});

describe('documents with different sort keys', () => {
  test.each(SEEDS)(
    'when sorting with seed %i, then keys that differ still come out in order',
    async (seed) => {
      let h: Harness | undefined;
      try {
        h = await openHarness('ties', {}, { sortTieSeed: seed });
        const coll = h.conn.db!.collection('mixed');
        await coll.insertMany([
          { k: 2, n: 1 },
          { k: 1, n: 1 },
          { k: 2, n: 3 },
          { k: null, n: 0 },
          { k: 1, n: 2 },
          { k: 'x', n: 0 },
          { k: 2, n: 2 },
          { n: 9 }, // missing sorts with null
        ]);
        const found = await coll
          .find({}, { projection: { _id: 0 } })
          .sort({ k: 1, n: -1 })
          .toArray();
        const keyed = found.map((d) => [d.k ?? null, d.n]);
        expect(keyed.slice(2)).toEqual([
          [1, 2],
          [1, 1],
          [2, 3],
          [2, 2],
          [2, 1],
          ['x', 0],
        ]);
        // null and missing are equal keys, then ordered by n descending.
        expect(keyed.slice(0, 2)).toEqual([
          [null, 9],
          [null, 0],
        ]);
        const aggregated = await coll
          .aggregate([{ $sort: { k: -1, n: 1 } }, { $project: { _id: 0, k: 1, n: 1 } }])
          .toArray();
        expect(aggregated.map((d) => [d.k ?? null, d.n])).toEqual([
          ['x', 0],
          [2, 1],
          [2, 2],
          [2, 3],
          [1, 1],
          [1, 2],
          [null, 0],
          [null, 9],
        ]);
      } finally {
        await closeHarness(h);
      }
    },
  );

  test('when an aggregate $sort direction is not 1 or -1, then the command fails as on mongod', async () => {
    let h: Harness | undefined;
    try {
      h = await openHarness('ties');
      await h.conn.db!.collection('c').insertOne({ a: 1 });
      await expect(
        h.conn
          .db!.collection('c')
          .aggregate([{ $sort: { a: 0 } }])
          .toArray(),
      ).rejects.toMatchObject({ code: 15975 });
    } finally {
      await closeHarness(h);
    }
  });
});

describe('the tie seed', () => {
  const saved = process.env.MONGO_STANDIN_SEED;
  afterEach(() => {
    if (saved === undefined) delete process.env.MONGO_STANDIN_SEED;
    else process.env.MONGO_STANDIN_SEED = saved;
  });

  test('when MONGO_STANDIN_SEED is set, then the server uses it and its banner names it for replay', async () => {
    process.env.MONGO_STANDIN_SEED = '4242';
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const server = await startMongoServer();
      await server.close();
      expect(server.sortTieSeed).toBe(4242);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain(
      'stand-in sort-tie seed: 4242 (set MONGO_STANDIN_SEED=4242 to replay)',
    );
  });

  test('when MONGO_STANDIN_SEED is not a number, then the server refuses to start', async () => {
    process.env.MONGO_STANDIN_SEED = 'abc';
    await expect(startMongoServer({ quiet: true })).rejects.toThrow(/MONGO_STANDIN_SEED/);
  });
});

import { calculateObjectSize, ObjectId } from 'bson';
import type { CommandSucceededEvent } from 'mongodb';
import { closeHarness, openHarness, type Harness } from './helpers';

const MAX = 16 * 1024 * 1024;
let h: Harness;
let succeeded: CommandSucceededEvent[] = [];

beforeAll(async () => {
  h = await openHarness('limits', { monitorCommands: true });
  h.conn.getClient().on('commandSucceeded', (e) => succeeded.push(e));
});
afterAll(async () => {
  await closeHarness(h);
});
beforeEach(() => {
  succeeded = [];
});

const db = () => h.conn.db!;
/** A document with _id and a string `x` whose BSON size is exactly `bytes`. */
function docOfSize(bytes: number): { _id: ObjectId; x: string } {
  const _id = new ObjectId();
  const overhead = calculateObjectSize({ _id, x: '' });
  return { _id, x: 'a'.repeat(bytes - overhead) };
}

describe('16 MiB documents', () => {
  test('when a document is exactly 16 MiB, then it is stored; one byte more fails with mongod code 2', async () => {
    const coll = db().collection('inserts');
    await coll.insertOne(docOfSize(MAX));
    expect(await coll.countDocuments()).toBe(1);
    const over = docOfSize(MAX + 1);
    await expect(db().command({ insert: 'inserts', documents: [over] })).resolves.toMatchObject({
      n: 0,
      writeErrors: [
        {
          index: 0,
          code: 2,
          errmsg: `object to insert too large. size in bytes: ${MAX + 1}, max size: ${MAX}`,
        },
      ],
    });
    expect(await coll.countDocuments()).toBe(1);
  });

  test('when an update would grow a document past 16 MiB, then it fails with 17419 and the document is unchanged', async () => {
    const coll = db().collection('updates');
    const { insertedId: _id } = await coll.insertOne({ x: 'a'.repeat(9 * 1024 * 1024) });
    await expect(
      coll.updateOne({ _id }, { $set: { y: 'b'.repeat(8 * 1024 * 1024) } }),
    ).rejects.toMatchObject({
      code: 17419,
      message: `Resulting document after update is larger than ${MAX}`,
    });
    await expect(
      coll.findOneAndUpdate({ _id }, { $set: { y: 'b'.repeat(8 * 1024 * 1024) } }),
    ).rejects.toMatchObject({ code: 17419 });
    const stored = await coll.findOne({ _id }, { projection: { x: 0 } });
    expect(stored).toEqual({ _id });
  });

  test('when an upsert would insert a document past 16 MiB, then it fails with 17420', async () => {
    const coll = db().collection('upserts');
    const big = docOfSize(MAX + 1);
    await expect(
      db().command({ update: 'upserts', updates: [{ q: { _id: big._id }, u: big, upsert: true }] }),
    ).resolves.toMatchObject({
      writeErrors: [{ code: 17420, errmsg: `Document to upsert is larger than ${MAX}` }],
    });
    expect(await coll.countDocuments()).toBe(0);
  });
});

describe('16 MiB results', () => {
  const blob = 'c'.repeat(5 * 1024 * 1024);
  beforeAll(async () => {
    const coll = db().collection('blobs');
    for (let i = 0; i < 7; i++) await coll.insertOne({ i, blob });
  });

  test('when $group pushes more than 16 MiB into one document, then the aggregate fails with BSONObjectTooLarge', async () => {
    await expect(
      db()
        .collection('blobs')
        .aggregate([{ $group: { _id: null, all: { $push: '$blob' } } }])
        .toArray(),
    ).rejects.toMatchObject({ code: 10334, codeName: 'BSONObjectTooLarge' });
  });

  test('when $facet builds a document over 16 MiB, then the aggregate fails with BSONObjectTooLarge', async () => {
    await expect(
      db()
        .collection('blobs')
        .aggregate([{ $facet: { rows: [{ $match: {} }] } }])
        .toArray(),
    ).rejects.toMatchObject({ code: 10334 });
  });

  test('when documents add up to more than 16 MiB, then each batch stops below 16 MiB and all documents arrive', async () => {
    const rows = await db().collection('blobs').find({}).sort({ i: 1 }).toArray();
    expect(rows.map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const batches = succeeded
      .filter((e) => e.commandName === 'find' || e.commandName === 'getMore')
      .map((e) => {
        const cursor = (e.reply as { cursor: { firstBatch?: unknown[]; nextBatch?: unknown[] } })
          .cursor;
        return (cursor.firstBatch ?? cursor.nextBatch ?? []).length;
      });
    expect(batches).toEqual([3, 3, 1]);
    const aggregated = await db()
      .collection('blobs')
      .aggregate([{ $sort: { i: -1 } }])
      .toArray();
    expect(aggregated.map((r) => r.i)).toEqual([6, 5, 4, 3, 2, 1, 0]);
  });
});

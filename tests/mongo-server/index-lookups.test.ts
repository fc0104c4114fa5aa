import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { closeHarness, openHarness, type Harness } from './helpers';

// The server narrows equality filters on indexed fields through in-memory lookups; these tests
// check that results are what a full scan gives, whichever way the values are stored.

let h: Harness;
beforeAll(async () => {
  h = await openHarness('lookups');
});
afterAll(async () => {
  await closeHarness(h);
});

let n = 0;
interface Row {
  _id: string | number;
  [field: string]: unknown;
}
const fresh = () => h.conn.db!.collection<Row>(`lookups_${++n}`);
const ids = (docs: { _id: unknown }[]) => docs.map((d) => d._id);

/** Unrelated documents, so that a lookup is cheaper than a scan and gets used. */
const filler = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ _id: `filler-${i}`, a: `other-${i}`, b: i }));

describe('equality through indexes', () => {
  test('when filtering on a single-field index, then matches come back in natural order', async () => {
    const c = fresh();
    await c.createIndex({ a: 1 });
    await c.insertMany([{ _id: 1, a: 'x' }, ...filler(10), { _id: 2, a: 'x' }, { _id: 3, a: 'y' }]);
    await c.updateOne({ _id: 1 }, { $set: { touched: true } }); // replaced docs keep their place
    expect(ids(await c.find({ a: 'x' }).toArray())).toEqual([1, 2]);
    expect(ids(await c.find({ a: { $eq: 'x' } }).toArray())).toEqual([1, 2]);
    expect(ids(await c.find({ a: { $in: ['y', 'x'] } }).toArray())).toEqual([1, 2, 3]);
    expect(ids(await c.find({ $and: [{ a: 'x' }, { _id: { $gt: 1 } }] }).toArray())).toEqual([2]);
    expect(await c.countDocuments({ a: 'x', _id: 2 })).toBe(1);
    expect(await c.countDocuments({ a: 'nope' })).toBe(0);
  });

  test('when filtering on a prefix of a compound index or on all of it, then both find the documents', async () => {
    const c = fresh();
    await c.createIndex({ w: 1, s: 1, t: -1 });
    const w = new ObjectId();
    await c.insertMany([
      ...filler(10),
      { _id: 'a', w, s: 'open', t: 1 },
      { _id: 'b', w, s: 'done', t: 2 },
      { _id: 'c', w: new ObjectId(), s: 'open', t: 3 },
      { _id: 'd', w, t: 4 }, // no s: equal to s: null
    ]);
    expect(ids(await c.find({ w }).toArray())).toEqual(['a', 'b', 'd']);
    expect(ids(await c.find({ w, s: 'open' }).toArray())).toEqual(['a']);
    expect(ids(await c.find({ w, s: null }).toArray())).toEqual(['d']);
    expect(ids(await c.find({ w, s: 'done', t: 2 }).toArray())).toEqual(['b']);
    const latest = await c.find({ w, s: { $in: ['open', 'done'] } }, { sort: { t: -1 }, limit: 1 });
    expect(ids(await latest.toArray())).toEqual(['b']);
    // a string is not an ObjectId
    expect(await c.countDocuments({ w: w.toHexString() })).toBe(0);
  });

  test('when an indexed field holds arrays, then any element matches and other shapes still work', async () => {
    const c = fresh();
    await c.createIndex({ tags: 1 });
    await c.createIndex({ 'sub.k': 1 });
    await c.insertMany([
      ...filler(10),
      { _id: 1, tags: ['red', 'blue'], sub: { k: 1 } },
      { _id: 2, tags: 'red', sub: [{ k: 1 }, { k: 2 }] },
      { _id: 3, tags: [], sub: { k: [2, 3] } },
      { _id: 4, tags: [['red']], sub: null },
      { _id: 5, tags: [null], sub: { k: { deep: 1 } } },
    ]);
    expect(ids(await c.find({ tags: 'red' }).toArray())).toEqual([1, 2]);
    expect(ids(await c.find({ tags: 'blue' }).toArray())).toEqual([1]);
    expect(ids(await c.find({ tags: ['red'] }).toArray())).toEqual([4]);
    expect(ids(await c.find({ tags: null, _id: { $gt: 0 } }).toArray())).toEqual([5]);
    expect(ids(await c.find({ 'sub.k': 1 }).toArray())).toEqual([1, 2]);
    expect(ids(await c.find({ 'sub.k': 2 }).toArray())).toEqual([2, 3]);
    expect(ids(await c.find({ 'sub.k': null, _id: { $gt: 0 } }).toArray())).toEqual([4]);
  });

  test('when null is asked for, then missing and null fields both match', async () => {
    const c = fresh();
    await c.createIndex({ p: 1 }, { sparse: true });
    await c.insertMany([...filler(10), { _id: 'null', p: null }, { _id: 'set', p: 1 }]);
    expect(await c.countDocuments({ p: null })).toBe(11);
    expect(await c.countDocuments({ p: { $in: [null, 1] } })).toBe(12);
    expect(ids(await c.find({ p: { $ne: null } }).toArray())).toEqual(['set']);
  });

  test('when numbers are stored as int, double or long, then an equal number of any type finds them', async () => {
    const c = fresh();
    await c.createIndex({ v: 1 });
    await c.insertMany([
      ...filler(10),
      { _id: 'int', v: new Int32(7) },
      { _id: 'double', v: new Double(7) },
      { _id: 'long', v: Long.fromNumber(7) },
      { _id: 'decimal', v: Decimal128.fromString('7.5') },
      { _id: 'other', v: 8 },
    ]);
    expect(ids(await c.find({ v: 7 }).toArray())).toEqual(['int', 'double', 'long']);
    expect(ids(await c.find({ v: new Double(7.0) }).toArray())).toEqual(['int', 'double', 'long']);
    expect(ids(await c.find({ v: Long.fromNumber(7) }).toArray())).toEqual([
      'int',
      'double',
      'long',
    ]);
    expect(await c.countDocuments({ v: 7.5 })).toBe(0); // Decimal128 stays a distinct type here
    expect(ids(await c.find({ v: Decimal128.fromString('7.5') }).toArray())).toEqual(['decimal']);
  });

  test('when dates and ObjectIds are indexed, then equal values match', async () => {
    const c = fresh();
    await c.createIndex({ at: 1, by: 1 });
    const by = new ObjectId();
    const at = new Date('2026-01-02T03:04:05Z');
    await c.insertMany([...filler(10), { _id: 1, at, by }, { _id: 2, at: new Date(0), by }]);
    expect(ids(await c.find({ at: new Date(at.getTime()), by }).toArray())).toEqual([1]);
    expect(ids(await c.find({ at: at.toISOString() }).toArray())).toEqual([]);
  });
});

describe('index upkeep on writes', () => {
  test('when an update changes an indexed field, then lookups follow the new value', async () => {
    const c = fresh();
    await c.createIndex({ status: 1, w: 1 });
    await c.insertMany([...filler(10), { _id: 'i', status: 'queued', w: 1 }]);
    const r = await c.updateOne({ _id: 'i', status: 'queued' }, { $set: { status: 'sent' } });
    expect(r.modifiedCount).toBe(1);
    expect(await c.countDocuments({ status: 'queued', w: 1 })).toBe(0);
    expect(ids(await c.find({ status: 'sent', w: 1 }).toArray())).toEqual(['i']);
    await c.replaceOne({ _id: 'i' }, { status: 'failed', w: 2 });
    expect(await c.countDocuments({ status: 'sent' })).toBe(0);
    expect(ids(await c.find({ status: 'failed', w: 2 }).toArray())).toEqual(['i']);
    const found = await c.findOneAndUpdate(
      { status: 'failed' },
      { $set: { status: 'retry' } },
      { returnDocument: 'after' },
    );
    expect(found).toMatchObject({ _id: 'i', status: 'retry' });
    expect(ids(await c.find({ status: 'retry' }).toArray())).toEqual(['i']);
  });

  test('when documents are deleted, then lookups no longer return them', async () => {
    const c = fresh();
    await c.createIndex({ k: 1 });
    await c.insertMany([...filler(10), { _id: 1, k: 'x' }, { _id: 2, k: 'x' }, { _id: 3, k: 'y' }]);
    expect((await c.deleteOne({ k: 'x' })).deletedCount).toBe(1);
    expect(ids(await c.find({ k: 'x' }).toArray())).toEqual([2]);
    expect((await c.deleteMany({ k: { $in: ['x', 'y'] } })).deletedCount).toBe(2);
    expect(await c.countDocuments({ k: { $in: ['x', 'y'] } })).toBe(0);
    await c.insertOne({ _id: 1, k: 'x' });
    expect(ids(await c.find({ k: 'x' }).toArray())).toEqual([1]);
  });

  test('when an index is created late or dropped, then queries answer the same', async () => {
    const c = fresh();
    await c.insertMany([...filler(10), { _id: 1, k: 'x' }]);
    await c.createIndex({ k: 1 });
    expect(ids(await c.find({ k: 'x' }).toArray())).toEqual([1]);
    await c.dropIndex('k_1');
    await c.insertOne({ _id: 2, k: 'x' });
    expect(ids(await c.find({ k: 'x' }).toArray())).toEqual([1, 2]);
  });

  test('when an upsert or update would duplicate a unique key, then E11000 is still raised', async () => {
    const c = fresh();
    await c.createIndex({ w: 1, key: 1 }, { unique: true });
    const others = filler(10).map((d) => ({ ...d, w: 0, key: d._id }));
    await c.insertMany([...others, { _id: 1, w: 1, key: 'a' }]);
    await expect(c.insertOne({ _id: 2, w: 1, key: 'a' })).rejects.toMatchObject({ code: 11000 });
    await c.insertOne({ _id: 2, w: 1, key: 'b' });
    await expect(c.updateOne({ _id: 2 }, { $set: { key: 'a' } })).rejects.toMatchObject({
      code: 11000,
    });
    const up = await c.updateOne({ w: 1, key: 'a' }, { $set: { seen: true } }, { upsert: true });
    expect(up).toMatchObject({ matchedCount: 1, upsertedCount: 0 });
    expect(ids(await c.find({ w: 1, key: 'b' }).toArray())).toEqual([2]);
  });

  test('when an invalid operator is used on an empty lookup, then the error is still reported', async () => {
    const c = fresh();
    await c.createIndex({ k: 1 });
    await c.insertMany(filler(10));
    await expect(c.find({ k: 'none', x: { $bogus: 1 } }).toArray()).rejects.toThrow(/\$bogus/);
  });

  test('when a positional update targets an indexed array, then the matched element changes', async () => {
    const c = fresh();
    await c.createIndex({ items: 1 });
    await c.insertMany([...filler(10), { _id: 1, items: ['a', 'b'] }]);
    await c.updateOne({ items: 'b' }, { $set: { 'items.$': 'c' } });
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, items: ['a', 'c'] });
    expect(await c.countDocuments({ items: 'b' })).toBe(0);
    expect(await c.countDocuments({ items: 'c' })).toBe(1);
  });
});

import { Schema, Types, type Model } from 'mongoose';
import { closeHarness, openHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('upserts');
  CounterModel = h.conn.model('Counter', counterSchema);
  TaskModel = h.conn.model('Task', taskSchema);
});
afterAll(async () => {
  await closeHarness(h);
});

const raw = (name: string) => h.conn.db!.collection(name);

const counterSchema = new Schema(
  {
    workspaceId: Schema.Types.ObjectId,
    key: String,
    count: Number,
    firstSeen: String,
    lastSeen: String,
  },
  { timestamps: true },
);
type Of<S> = S extends Schema<infer T> ? T : never;
const taskSchema = new Schema({ title: String, rank: Number, state: String });
let CounterModel: Model<Of<typeof counterSchema>>;
let TaskModel: Model<Of<typeof taskSchema>>;
const Counter = () => CounterModel;
const Task = () => TaskModel;

describe('upserts', () => {
  test('when no document matches, then the upsert inserts filter fields, $set and $setOnInsert', async () => {
    const workspaceId = new Types.ObjectId();
    const res = await Counter().updateOne(
      { workspaceId, key: 'k1' },
      { $set: { lastSeen: 'mon' }, $setOnInsert: { firstSeen: 'mon' }, $inc: { count: 1 } },
      { upsert: true },
    );
    expect(res).toMatchObject({ upsertedCount: 1, matchedCount: 0 });
    const doc = await Counter().findById(res.upsertedId).lean();
    expect(doc).toMatchObject({ key: 'k1', count: 1, firstSeen: 'mon', lastSeen: 'mon' });
    expect(doc?.workspaceId?.equals(workspaceId)).toBe(true);
    expect(doc?.createdAt).toBeInstanceOf(Date);
  });

  test('when a document matches, then $setOnInsert is skipped and the other operators apply', async () => {
    const workspaceId = new Types.ObjectId();
    const update = (day: string) => ({
      $set: { lastSeen: day },
      $setOnInsert: { firstSeen: day },
      $inc: { count: 1 },
    });
    await Counter().updateOne({ workspaceId, key: 'k2' }, update('mon'), { upsert: true });
    const first = await Counter().findOne({ workspaceId, key: 'k2' }).lean();
    const res = await Counter().updateOne({ workspaceId, key: 'k2' }, update('tue'), {
      upsert: true,
    });
    expect(res).toMatchObject({ upsertedCount: 0, matchedCount: 1, modifiedCount: 1 });
    const doc = await Counter().findOne({ workspaceId, key: 'k2' }).lean();
    expect(doc).toMatchObject({ count: 2, firstSeen: 'mon', lastSeen: 'tue' });
    expect(doc?.createdAt).toEqual(first?.createdAt);
  });

  test('when the filter uses $eq, dotted paths and $and, then those equalities seed the upserted document', async () => {
    await raw('seeded').updateOne(
      { $and: [{ 'owner.id': 7 }, { kind: { $eq: 'nps' } }], score: { $gte: 3 } },
      { $set: { seen: true } },
      { upsert: true },
    );
    expect(await raw('seeded').findOne({}, { projection: { _id: 0 } })).toEqual({
      owner: { id: 7 },
      kind: 'nps',
      seen: true,
    });
  });

  test('when upserting a replacement with an _id filter, then that _id is used', async () => {
    const _id = new Types.ObjectId();
    const res = await raw('replaced').replaceOne({ _id }, { whole: 'doc' }, { upsert: true });
    expect(res.upsertedId?.equals(_id)).toBe(true);
    expect(await raw('replaced').findOne({ _id })).toEqual({ _id, whole: 'doc' });
  });

  test('when bulkWrite mixes inserts, upserts, updates and deletes, then every count is right', async () => {
    await raw('bulkmix').insertMany([{ n: 1 }, { n: 2 }]);
    const res = await raw('bulkmix').bulkWrite([
      { insertOne: { document: { n: 3 } } },
      { updateOne: { filter: { n: 1 }, update: { $set: { hit: true } } } },
      { updateOne: { filter: { n: 9 }, update: { $set: { hit: true } }, upsert: true } },
      { deleteOne: { filter: { n: 2 } } },
    ]);
    expect(res).toMatchObject({
      insertedCount: 1,
      matchedCount: 1,
      modifiedCount: 1,
      upsertedCount: 1,
      deletedCount: 1,
    });
    expect(
      (
        await raw('bulkmix')
          .find({}, { sort: { n: 1 } })
          .toArray()
      ).map((d) => d.n),
    ).toEqual([1, 3, 9]);
  });
});

describe('findAndModify', () => {
  beforeAll(async () => {
    await Task().insertMany([
      { title: 't1', rank: 2, state: 'open' },
      { title: 't2', rank: 1, state: 'open' },
      { title: 't3', rank: 3, state: 'open' },
    ]);
  });

  test('when returning the document after or before, then the right version comes back', async () => {
    const after = await Task()
      .findOneAndUpdate(
        { title: 't1' },
        { $set: { state: 'claimed' } },
        { returnDocument: 'after' },
      )
      .lean();
    expect(after?.state).toBe('claimed');
    const before = await Task()
      .findOneAndUpdate({ title: 't1' }, { $set: { state: 'done' } })
      .lean();
    expect(before?.state).toBe('claimed');
    expect((await Task().findOne({ title: 't1' }).lean())?.state).toBe('done');
  });

  test('when several match and a sort is given, then the first in that order is modified', async () => {
    const claimed = await Task()
      .findOneAndUpdate(
        { state: 'open' },
        { $set: { state: 'claimed' } },
        { sort: { rank: 1 }, returnDocument: 'after' },
      )
      .lean();
    expect(claimed?.title).toBe('t2');
  });

  test('when upserting and returning the new document, then the inserted one comes back; otherwise null', async () => {
    const created = await Task()
      .findOneAndUpdate(
        { title: 'fresh' },
        { $setOnInsert: { rank: 10 }, $set: { state: 'open' } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean();
    expect(created).toMatchObject({ title: 'fresh', rank: 10, state: 'open' });
    const raw = await Task().findOneAndUpdate(
      { title: 'fresh2' },
      { $set: { state: 'open' } },
      { upsert: true, includeResultMetadata: true },
    );
    expect(raw.value).toBeNull();
    expect(raw.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(raw.lastErrorObject?.upserted).toBeInstanceOf(Types.ObjectId);
  });

  test('when nothing matches and no upsert, then null and n 0', async () => {
    const res = await Task().findOneAndUpdate(
      { title: 'none' },
      { $set: { state: 'x' } },
      { includeResultMetadata: true },
    );
    expect(res.value).toBeNull();
    expect(res.lastErrorObject).toMatchObject({ n: 0, updatedExisting: false });
  });

  test('when removing or replacing with a projection, then the document is returned in projected form', async () => {
    const removed = await Task()
      .findOneAndDelete({ title: 't3' }, { projection: { title: 1, _id: 0 } })
      .lean();
    expect(removed).toEqual({ title: 't3' });
    expect(await Task().countDocuments({ title: 't3' })).toBe(0);
    const replaced = await Task()
      .findOneAndReplace({ title: 't2' }, { title: 't2b', rank: 5 }, { returnDocument: 'after' })
      .lean();
    expect(replaced).toMatchObject({ title: 't2b', rank: 5 });
    expect(replaced).not.toHaveProperty('state');
  });
});

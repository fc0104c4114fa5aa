import { Decimal128, Int32, Long, ObjectId } from 'bson';
import { Schema, Types, type Model } from 'mongoose';
import { closeHarness, openHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('crud');
});
afterAll(async () => {
  await closeHarness(h);
});

const raw = (name: string) => h.conn.db!.collection(name);

describe('documents round-trip', () => {
  test('when BSON types are stored, then they come back with the same values and types', async () => {
    const id = new ObjectId();
    const when = new Date('2024-05-06T07:08:09.010Z');
    await raw('types').insertOne({
      _id: id,
      when,
      int: new Int32(7),
      dbl: 2.5,
      long: Long.fromNumber(2 ** 40),
      dec: Decimal128.fromString('12.345'),
      nested: { list: [1, 'two', { three: 3 }], none: null },
    });
    const back = await raw('types').findOne({ _id: id });
    expect(back?._id).toBeInstanceOf(ObjectId);
    expect(back?._id.equals(id)).toBe(true);
    expect(back?.when).toEqual(when);
    expect(back?.int).toBe(7);
    expect(back?.dbl).toBe(2.5);
    expect(back?.long).toBe(2 ** 40);
    expect(back?.dec).toBeInstanceOf(Decimal128);
    expect(back?.dec.toString()).toBe('12.345');
    expect(back?.nested).toEqual({ list: [1, 'two', { three: 3 }], none: null });
  });

  test('when a document lacks _id, then the server generates an ObjectId', async () => {
    await h.conn.db!.command({ insert: 'noid', documents: [{ x: 1 }] });
    const doc = await raw('noid').findOne({ x: 1 });
    expect(doc?._id).toBeInstanceOf(ObjectId);
  });
});

describe('find', () => {
  const eventSchema = new Schema({
    kind: String,
    score: Number,
    at: Date,
    tags: [String],
    ref: Schema.Types.ObjectId,
  });
  let EventModel: Model<typeof eventSchema extends Schema<infer T> ? T : never>;
  const Event = () => EventModel;

  beforeAll(async () => {
    EventModel = h.conn.model('Event', eventSchema);
    const ref = new Types.ObjectId();
    await Event().insertMany([
      { kind: 'a', score: 3, at: new Date('2024-01-01T00:00:00Z'), tags: ['x'], ref },
      { kind: 'b', score: 1, at: new Date('2024-02-01T00:00:00Z'), tags: ['x', 'y'] },
      { kind: 'a', score: 2, at: new Date('2024-03-01T00:00:00Z'), tags: [] },
      { kind: 'c', at: new Date('2024-04-01T00:00:00Z'), tags: [] },
      { kind: 'c', score: null, at: new Date('2024-05-01T00:00:00Z'), tags: [] },
    ]);
  });

  test('when filtering by ObjectId _id, then exactly that document matches', async () => {
    const first = await Event().findOne({ kind: 'b' }).lean();
    const again = await Event().findById(first!._id).lean();
    expect(again?.kind).toBe('b');
    expect(
      await Event()
        .find({ _id: { $in: [first!._id] } })
        .countDocuments(),
    ).toBe(1);
  });

  test('when filtering a Date range, then only dates inside it match', async () => {
    const hits = await Event()
      .find({
        at: { $gte: new Date('2024-02-01T00:00:00Z'), $lt: new Date('2024-04-01T00:00:00Z') },
      })
      .sort({ at: 1 })
      .lean();
    expect(hits.map((e) => e.kind)).toEqual(['b', 'a']);
  });

  test('when sorting ascending on a field some documents lack, then null and missing come first, as equal keys', async () => {
    const docs = await Event().find().sort({ score: 1 }).lean();
    expect(docs.map((d) => d.score ?? null)).toEqual([null, null, 1, 2, 3]);
    // Equal keys have no order (the stand-in shuffles them): only the pair is known.
    expect(
      docs
        .slice(0, 2)
        .map((d) => d.at?.toISOString())
        .sort(),
    ).toEqual(['2024-04-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z']);
  });

  test('when using projection, skip and limit, then the page and fields are as asked', async () => {
    const page = await Event()
      .find({}, { kind: 1, _id: 0 })
      .sort({ at: -1 })
      .skip(1)
      .limit(2)
      .lean();
    expect(page).toEqual([{ kind: 'c' }, { kind: 'a' }]);
    const excluded = await Event().findOne({ kind: 'b' }).select('-tags -at').lean();
    expect(excluded).not.toHaveProperty('tags');
    expect(excluded).toHaveProperty('score', 1);
  });

  test('when the driver asks for a negative limit, then one batch of that size is returned', async () => {
    const docs = await raw('events')
      .find({}, { limit: -2, sort: { at: 1 } })
      .toArray();
    expect(docs).toHaveLength(2);
  });

  test('when matching array fields and $exists, then MongoDB semantics apply', async () => {
    expect(await Event().countDocuments({ tags: 'y' })).toBe(1);
    expect(await Event().countDocuments({ score: { $exists: false } })).toBe(1);
    expect(await Event().countDocuments({ score: null })).toBe(2);
    expect(await Event().countDocuments({ ref: { $exists: true } })).toBe(1);
  });
});

describe('update operators', () => {
  const coll = () => raw('ops');
  // The driver's typings reject some valid modifiers ($each with $sort/$slice); send those as commands.
  const updateCommand = (q: object, u: object) =>
    h.conn.db!.command({ update: 'ops', updates: [{ q, u }] });

  test('when $set/$unset/$inc/$min/$max/$mul/$rename/$currentDate are applied, then the document reflects each', async () => {
    const { insertedId } = await coll().insertOne({
      a: 1,
      b: 2,
      n: 10,
      lo: 5,
      hi: 5,
      m: 3,
      old: 'v',
      gone: true,
    });
    const res = await coll().updateOne(
      { _id: insertedId },
      {
        $set: { a: 'one', 'deep.x': 1 },
        $unset: { gone: '' },
        $inc: { n: 5 },
        $min: { lo: 2 },
        $max: { hi: 9 },
        $mul: { m: 4 },
        $rename: { old: 'renamed' },
        $currentDate: { touched: true },
      },
    );
    expect(res).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    const doc = await coll().findOne({ _id: insertedId });
    expect(doc).toMatchObject({
      a: 'one',
      deep: { x: 1 },
      n: 15,
      lo: 2,
      hi: 9,
      m: 12,
      renamed: 'v',
    });
    expect(doc).not.toHaveProperty('gone');
    expect(doc).not.toHaveProperty('old');
    expect(doc?.touched).toBeInstanceOf(Date);
  });

  test('when array operators are applied, then $push modifiers, $addToSet, $pull and $pullAll behave', async () => {
    const { insertedId } = await coll().insertOne({
      list: [5, 1],
      set: ['a'],
      bag: [1, 2, 3, 2],
      rm: [1, 2, 3],
    });
    await updateCommand(
      { _id: insertedId },
      {
        $push: { list: { $each: [9, 3], $sort: 1, $slice: 3 } },
        $addToSet: { set: { $each: ['a', 'b'] } },
      },
    );
    await updateCommand(
      { _id: insertedId },
      {
        $push: { list: { $each: [0], $position: 0 } },
        $pull: { bag: 2 },
        $pullAll: { rm: [1, 3] },
      },
    );
    expect(await coll().findOne({ _id: insertedId }, { projection: { _id: 0 } })).toEqual({
      list: [0, 1, 3, 5],
      set: ['a', 'b'],
      bag: [1, 3],
      rm: [2],
    });
  });

  test('when updating with the positional $ and arrayFilters, then only the matched elements change', async () => {
    const { insertedId } = await coll().insertOne({
      items: [
        { k: 'x', v: 1 },
        { k: 'y', v: 2 },
        { k: 'z', v: 3 },
      ],
    });
    await coll().updateOne({ _id: insertedId, 'items.k': 'y' }, { $set: { 'items.$.v': 20 } });
    await coll().updateOne(
      { _id: insertedId },
      { $inc: { 'items.$[big].v': 100 } },
      { arrayFilters: [{ 'big.v': { $gte: 3 } }] },
    );
    const doc = await coll().findOne({ _id: insertedId });
    expect(doc?.items).toEqual([
      { k: 'x', v: 1 },
      { k: 'y', v: 120 },
      { k: 'z', v: 103 },
    ]);
  });

  test('when replacing a document, then only _id survives from the old one', async () => {
    const { insertedId } = await coll().insertOne({ old: true, keep: 'no' });
    const res = await coll().replaceOne({ _id: insertedId }, { fresh: 1 });
    expect(res.modifiedCount).toBe(1);
    expect(await coll().findOne({ _id: insertedId })).toEqual({ _id: insertedId, fresh: 1 });
  });

  test('when updating many, then matched and modified counts are exact', async () => {
    await coll().insertMany([
      { grp: 'm', v: 1 },
      { grp: 'm', v: 2 },
      { grp: 'm', v: 2 },
    ]);
    const res = await coll().updateMany({ grp: 'm' }, { $set: { v: 2 } });
    expect(res).toMatchObject({ matchedCount: 3, modifiedCount: 1 });
  });

  test('when an update changes _id, then it is refused as ImmutableField', async () => {
    const { insertedId } = await coll().insertOne({ z: 1 });
    await expect(
      coll().updateOne({ _id: insertedId }, { $set: { _id: new ObjectId() } }),
    ).rejects.toMatchObject({ code: 66 });
  });

  test('when an update uses an unknown operator, then it fails without changing anything', async () => {
    const { insertedId } = await coll().insertOne({ y: 1 });
    await expect(
      coll().updateOne({ _id: insertedId }, { $frob: { y: 2 } } as never),
    ).rejects.toThrow(/frob/);
    expect((await coll().findOne({ _id: insertedId }))?.y).toBe(1);
  });
});

describe('delete', () => {
  test('when deleting one or many, then the counts and remaining documents match', async () => {
    const Item = h.conn.model('DelItem', new Schema({ g: String }));
    await Item.insertMany([{ g: 'a' }, { g: 'a' }, { g: 'a' }, { g: 'b' }]);
    expect((await Item.deleteOne({ g: 'a' })).deletedCount).toBe(1);
    expect((await Item.deleteMany({ g: 'a' })).deletedCount).toBe(2);
    expect((await Item.deleteMany({ g: 'nothing' })).deletedCount).toBe(0);
    expect(await Item.find().lean()).toEqual([expect.objectContaining({ g: 'b' })]);
  });

  test('when deleting from a collection that does not exist, then nothing happens', async () => {
    await expect(raw('ghost').deleteMany({})).resolves.toMatchObject({ deletedCount: 0 });
  });
});

describe('isolation of stored data', () => {
  test('when an aggregation rewrites documents, then stored documents are unchanged', async () => {
    await raw('iso').insertOne({ k: 1, nested: { v: 1 }, arr: [1, 2] });
    await raw('iso')
      .aggregate([{ $set: { 'nested.v': 99 } }, { $unwind: '$arr' }])
      .toArray();
    expect(await raw('iso').findOne({ k: 1 }, { projection: { _id: 0 } })).toEqual({
      k: 1,
      nested: { v: 1 },
      arr: [1, 2],
    });
  });
});

import { Schema, type Model } from 'mongoose';
import { closeHarness, openHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('multikey');
});
afterAll(async () => {
  await closeHarness(h);
});

const raw = (name: string) => h.conn.db!.collection(name);

describe('unique indexes over arrays', () => {
  const tagSchema = new Schema({ name: String, tags: [String] });
  tagSchema.index({ tags: 1 }, { unique: true });
  let PostModel: Model<typeof tagSchema extends Schema<infer T> ? T : never>;
  const Post = () => PostModel;

  beforeAll(async () => {
    PostModel = h.conn.model('Post', tagSchema);
    await Post().init();
  });

  test('when two documents share one array element, then the second fails with E11000 naming that element', async () => {
    await Post().create({ name: 'p1', tags: ['red', 'blue'] });
    const err = await Post()
      .create({ name: 'p2', tags: ['green', 'blue'] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000, keyValue: { tags: 'blue' } });
    expect((err as Error).message).toContain('dup key: { tags: "blue" }');
    expect(await Post().countDocuments({ name: 'p2' })).toBe(0);
  });

  test('when one document repeats a value in its own array, then it is accepted', async () => {
    await Post().create({ name: 'p3', tags: ['pink', 'pink'] });
    expect(await Post().countDocuments({ name: 'p3' })).toBe(1);
  });

  test('when an update pushes an element another document holds, then it fails; removing it frees the key', async () => {
    await expect(
      Post().updateOne({ name: 'p3' }, { $push: { tags: 'red' } }),
    ).rejects.toMatchObject({ code: 11000, keyValue: { tags: 'red' } });
    await Post().updateOne({ name: 'p1' }, { $pull: { tags: 'red' } });
    await Post().updateOne({ name: 'p3' }, { $push: { tags: 'red' } });
    expect((await Post().findOne({ name: 'p3' }).lean())?.tags).toEqual(['pink', 'pink', 'red']);
  });

  test('when a scalar equals an element of another document array, then they collide', async () => {
    await expect(raw('posts').insertOne({ name: 'p4', tags: 'pink' })).rejects.toMatchObject({
      code: 11000,
    });
  });

  test('when two documents have an empty array, then they collide as mongod keys both as undefined', async () => {
    await raw('empties').createIndex({ list: 1 }, { unique: true });
    await raw('empties').insertOne({ list: [] });
    await raw('empties').insertOne({}); // missing is null, another key
    await expect(raw('empties').insertOne({ list: [] })).rejects.toMatchObject({ code: 11000 });
  });

  test('when a dotted key reaches through an array of subdocuments, then each element is a key', async () => {
    await raw('lines').createIndex({ 'items.sku': 1 }, { unique: true });
    await raw('lines').insertOne({ items: [{ sku: 'a' }, { sku: 'b' }] });
    await expect(
      raw('lines').insertOne({ items: [{ sku: 'c' }, { sku: 'b' }] }),
    ).rejects.toMatchObject({ code: 11000, keyValue: { 'items.sku': 'b' } });
  });

  test('when a compound index would index two arrays of one document, then it fails with 171', async () => {
    await raw('pairs').createIndex({ a: 1, b: 1 });
    await expect(raw('pairs').insertOne({ a: [1, 2], b: [3, 4] })).rejects.toMatchObject({
      code: 171,
      message: 'cannot index parallel arrays [a] [b]',
    });
    await raw('pairs').insertOne({ a: [1, 2], b: 3 });
    expect(await raw('pairs').countDocuments()).toBe(1);
  });

  test('when a unique index is built over documents sharing an element, then the build fails with E11000', async () => {
    await raw('prebuilt').insertMany([{ t: [1, 2] }, { t: [2, 3] }]);
    await expect(raw('prebuilt').createIndex({ t: 1 }, { unique: true })).rejects.toMatchObject({
      code: 11000,
    });
  });
});

describe('partial unique indexes', () => {
  test('when documents fall outside the filter, then they may share a key; inside it they may not', async () => {
    const coll = raw('memberships');
    await coll.createIndex(
      { email: 1 },
      { unique: true, partialFilterExpression: { active: true, email: { $type: 'string' } } },
    );
    await coll.insertMany([
      { email: 'a@x', active: false },
      { email: 'a@x', active: false },
      { email: 'a@x', active: true },
    ]);
    await expect(coll.insertOne({ email: 'a@x', active: true })).rejects.toMatchObject({
      code: 11000,
    });
    await expect(
      coll.updateOne({ active: false }, { $set: { active: true } }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  test.each([
    [{ a: 1 }],
    [{ a: { $eq: 1 } }],
    [{ a: { $exists: true } }],
    [{ a: { $gt: 1, $lte: 5 } }],
    [{ a: { $type: 'string' } }],
    [{ a: { $in: [1, 2] } }],
    [{ $and: [{ a: { $gte: 1 } }, { b: true }] }],
    [{ $or: [{ a: 1 }, { b: { $exists: true } }] }],
  ])(
    'when the partial filter is %j, then mongod accepts it and so does the stand-in',
    async (filter) => {
      const coll = raw(`ok_${Math.random().toString(36).slice(2, 8)}`);
      await expect(
        coll.createIndex({ a: 1 }, { unique: true, partialFilterExpression: filter }),
      ).resolves.toBe('a_1');
    },
  );

  test.each([
    [{ a: { $ne: 1 } }, '$not'],
    [{ a: { $exists: false } }, '$not'],
    [{ a: { $nin: [1] } }, '$not'],
    [{ a: { $not: { $gt: 1 } } }, '$not'],
    [{ a: { $regex: '^x' } }, 'a regex /^x/'],
    [{ a: { $size: 2 } }, 'a $size'],
    [{ a: { $elemMatch: { b: 1 } } }, 'a $elemMatch'],
    [{ $nor: [{ a: 1 }] }, '$nor'],
  ])(
    'when the partial filter is %j, then creating the index fails with 67 naming %s',
    async (filter, op) => {
      const coll = raw(`bad_${Math.random().toString(36).slice(2, 8)}`);
      await expect(
        coll.createIndex({ a: 1 }, { partialFilterExpression: filter }),
      ).rejects.toMatchObject({
        code: 67,
        codeName: 'CannotCreateIndex',
        message: expect.stringContaining(`Expression not supported in partial index: ${op}`),
      });
    },
  );

  test('when a partial filter holds $expr, then it fails with 224 as mongod bans it there', async () => {
    await expect(
      raw('exprs').createIndex(
        { a: 1 },
        { partialFilterExpression: { $expr: { $eq: ['$a', 1] } } },
      ),
    ).rejects.toMatchObject({ code: 224 });
  });

  test('when a partial filter nests deeper than 4 levels or mixes with sparse, then it fails with 67', async () => {
    const deep = {
      $and: [{ $or: [{ $and: [{ $or: [{ a: 1 }, { b: 1 }] }, { c: 1 }] }, { d: 1 }] }, { e: 1 }],
    };
    await expect(
      raw('deep').createIndex({ a: 1 }, { partialFilterExpression: deep }),
    ).rejects.toMatchObject({ code: 67, message: expect.stringContaining('depth') });
    await expect(
      raw('deep').createIndex({ a: 1 }, { sparse: true, partialFilterExpression: { a: 1 } }),
    ).rejects.toMatchObject({ code: 67 });
  });
});

import { Schema, type Model } from 'mongoose';
import { closeHarness, openHarness, type Harness } from './helpers';

let h: Harness;
const itemSchema = new Schema({ name: String, n: Number });
let ItemModel: Model<typeof itemSchema extends Schema<infer T> ? T : never>;
const Item = () => ItemModel;

beforeAll(async () => {
  h = await openHarness('options');
  ItemModel = h.conn.model('Item', itemSchema);
  await Item().insertMany([
    { name: 'a', n: 1 },
    { name: 'b', n: 2 },
  ]);
});
afterAll(async () => {
  await closeHarness(h);
});

const db = () => h.conn.db!;
const items = () => db().collection('items');
const notSupported = (name: string) => ({
  code: 115,
  message: expect.stringContaining(name),
});

describe('options the stand-in does not implement', () => {
  const collation = { locale: 'fr', strength: 1 };

  test('when find, aggregate, count or distinct carries a collation, then it fails naming collation', async () => {
    await expect(items().find({}, { collation }).toArray()).rejects.toMatchObject(
      notSupported('collation'),
    );
    await expect(items().aggregate([], { collation }).toArray()).rejects.toMatchObject(
      notSupported('collation'),
    );
    await expect(items().countDocuments({}, { collation })).rejects.toMatchObject(
      notSupported('collation'),
    );
    await expect(items().distinct('name', {}, { collation })).rejects.toMatchObject(
      notSupported('collation'),
    );
    await expect(Item().find().collation(collation).lean()).rejects.toMatchObject(
      notSupported('collation'),
    );
  });

  test('when an update, delete or findAndModify carries a collation, then it fails naming collation', async () => {
    await expect(items().updateOne({}, { $set: { x: 1 } }, { collation })).rejects.toMatchObject(
      notSupported('collation'),
    );
    await expect(items().deleteMany({ name: 'zzz' }, { collation })).rejects.toMatchObject(
      notSupported('collation'),
    );
    await expect(
      items().findOneAndUpdate({}, { $set: { x: 1 } }, { collation }),
    ).rejects.toMatchObject(notSupported('collation'));
    expect(await items().countDocuments({ x: 1 })).toBe(0);
  });

  test('when a command carries let, then it fails naming let', async () => {
    const vars = { v: 1 };
    await expect(
      items()
        .find({ $expr: { $eq: ['$n', '$$v'] } }, { let: vars })
        .toArray(),
    ).rejects.toMatchObject(notSupported('let'));
    await expect(items().aggregate([], { let: vars }).toArray()).rejects.toMatchObject(
      notSupported('let'),
    );
    await expect(items().updateMany({}, { $set: { y: 1 } }, { let: vars })).rejects.toMatchObject(
      notSupported('let'),
    );
    await expect(items().deleteMany({ name: 'zzz' }, { let: vars })).rejects.toMatchObject(
      notSupported('let'),
    );
    await expect(items().findOneAndDelete({ name: 'zzz' }, { let: vars })).rejects.toMatchObject(
      notSupported('let'),
    );
  });

  test('when a command carries a field mongod does not know, then it fails with 40415 naming it', async () => {
    await expect(db().command({ find: 'items', filter: {}, fliter: {} })).rejects.toMatchObject({
      code: 40415,
      message: "BSON field 'find.fliter' is an unknown field.",
    });
    await expect(
      db().command({
        update: 'items',
        updates: [{ q: {}, u: { $set: { z: 1 } }, sort: { n: 1 } }],
      }),
    ).rejects.toMatchObject({
      code: 40415,
      message: "BSON field 'update.updates.sort' is an unknown field.",
    });
  });

  test('when aggregate has no cursor option, then it fails as on mongod', async () => {
    await expect(db().command({ aggregate: 'items', pipeline: [] })).rejects.toMatchObject({
      code: 9,
    });
  });

  test('when creating a capped or validated collection or a text index, then it fails naming the option', async () => {
    await expect(
      db().createCollection('capped', { capped: true, size: 4096 }),
    ).rejects.toMatchObject(notSupported('capped'));
    await expect(
      db().createCollection('checked', { validator: { n: { $type: 'int' } } }),
    ).rejects.toMatchObject(notSupported('validator'));
    await expect(items().createIndex({ name: 'text' })).rejects.toMatchObject(notSupported('text'));
    await expect(items().createIndex({ '$**': 1 })).rejects.toMatchObject(notSupported('wildcard'));
    await expect(items().createIndex({ n: 1 }, { name: 'n_fr', collation })).rejects.toMatchObject(
      notSupported('collation'),
    );
  });

  test('when the options mongoose sends on ordinary reads and writes are used, then they still work', async () => {
    await Item().updateOne({ name: 'a' }, { $set: { n: 10 } }, { upsert: true });
    await Item().findOneAndUpdate({ name: 'b' }, { $inc: { n: 1 } }, { new: true, sort: { n: 1 } });
    const docs = await Item().find({}, { name: 1 }).sort({ name: 1 }).skip(0).limit(5).lean();
    expect(docs.map((d) => d.name)).toEqual(['a', 'b']);
    expect(await Item().countDocuments({ n: { $gt: 0 } })).toBe(2);
    await Item().deleteMany({ name: 'nobody' });
  });
});

describe('update operators', () => {
  test('when $currentDate asks for a timestamp, then it fails naming it (only dates are written)', async () => {
    await expect(
      items().updateOne({}, { $currentDate: { seen: { $type: 'timestamp' } } }),
    ).rejects.toMatchObject(notSupported('timestamp'));
    await items().updateOne({ name: 'zzz' }, { $currentDate: { seen: true } });
  });
});

describe('hint', () => {
  const hinted = () => db().collection('hinted');
  beforeAll(async () => {
    await hinted().createIndex({ n: 1 }, { name: 'by_n' });
    await hinted().createIndex({ name: 1 }, { name: 'by_name_sparse', sparse: true });
    await hinted().insertMany([
      { name: 'a', n: 1 },
      { name: 'b', n: 2 },
    ]);
  });
  const badHint = {
    code: 2,
    message: expect.stringContaining('hint provided does not correspond to an existing index'),
  };

  test('when a hint names an index that exists, then the command runs', async () => {
    expect(await hinted().find({ n: 1 }).hint('by_n').toArray()).toHaveLength(1);
    expect(await hinted().find({ n: 1 }).hint({ n: 1 }).toArray()).toHaveLength(1);
    expect(await hinted().find({}).hint({ $natural: 1 }).toArray()).toHaveLength(2);
    expect(await hinted().countDocuments({ n: 2 }, { hint: '_id_' })).toBe(1);
  });

  test('when a hint names no existing index, then find, aggregate, count, update and delete fail with BadValue', async () => {
    await expect(hinted().find({}).hint('nope').toArray()).rejects.toMatchObject(badHint);
    await expect(hinted().find({}).hint({ n: -1 }).toArray()).rejects.toMatchObject(badHint);
    await expect(hinted().aggregate([], { hint: 'nope' }).toArray()).rejects.toMatchObject(badHint);
    await expect(hinted().countDocuments({}, { hint: 'nope' })).rejects.toMatchObject(badHint);
    await expect(
      hinted().updateOne({}, { $set: { h: 1 } }, { hint: 'nope' }),
    ).rejects.toMatchObject(badHint);
    await expect(hinted().deleteOne({ name: 'zzz' }, { hint: 'nope' })).rejects.toMatchObject(
      badHint,
    );
    await expect(Item().find().hint({ missing: 1 }).lean()).rejects.toMatchObject(badHint);
  });

  test('when a hint names a sparse index, then it fails loudly: mongod would return only indexed documents', async () => {
    await expect(hinted().find({}).hint('by_name_sparse').toArray()).rejects.toMatchObject(
      notSupported('by_name_sparse'),
    );
  });
});

describe('pipeline stages and operators', () => {
  test('when a $lookup joins on fields and also runs a pipeline, then it fails (mingo would join every document); the let form joins only the matches', async () => {
    const concise = {
      $lookup: {
        from: 'items',
        localField: 'name',
        foreignField: 'name',
        pipeline: [{ $project: { n: 1 } }],
        as: 'j',
      },
    };
    await expect(items().aggregate([concise]).toArray()).rejects.toMatchObject(
      notSupported('$lookup with localField'),
    );
    await expect(
      items()
        .aggregate([{ $facet: { x: [concise] } }])
        .toArray(),
    ).rejects.toMatchObject(notSupported('$lookup with localField'));
    const joined = await items()
      .aggregate([
        { $match: { name: 'a' } },
        {
          $lookup: {
            from: 'items',
            let: { k: '$name' },
            pipeline: [
              { $match: { $expr: { $eq: ['$name', '$$k'] } } },
              { $project: { _id: 0, n: 1 } },
            ],
            as: 'j',
          },
        },
      ])
      .toArray();
    expect(joined.map((d) => (d.j as unknown[]).length)).toEqual([1]);
  });

  test('when a pipeline holds $out or $merge, even inside $facet or $lookup, then it fails naming the stage', async () => {
    await expect(
      items()
        .aggregate([{ $out: 'copy' }])
        .toArray(),
    ).rejects.toMatchObject(notSupported('$out'));
    await expect(
      items()
        .aggregate([{ $merge: { into: 'copy' } }])
        .toArray(),
    ).rejects.toMatchObject(notSupported('$merge'));
    await expect(
      items()
        .aggregate([{ $facet: { x: [{ $out: 'copy' }] } }])
        .toArray(),
    ).rejects.toMatchObject(notSupported('$out'));
    await expect(
      items()
        .aggregate([{ $lookup: { from: 'items', pipeline: [{ $merge: 'copy' }], as: 'j' } }])
        .toArray(),
    ).rejects.toMatchObject(notSupported('$merge'));
  });

  test('when a stage, expression or query operator is unknown, then it fails with mongod codes', async () => {
    await expect(
      items()
        .aggregate([{ $frob: {} }])
        .toArray(),
    ).rejects.toMatchObject({
      code: 40324,
      message: "Unrecognized pipeline stage name: '$frob'",
    });
    await expect(
      items()
        .aggregate([{ $geoNear: {} }])
        .toArray(),
    ).rejects.toMatchObject({
      code: 40324,
    });
    await expect(
      items()
        .aggregate([{ $project: { x: { $frob: 1 } } }])
        .toArray(),
    ).rejects.toMatchObject({ code: 168, message: "Unrecognized expression '$frob'" });
    await expect(
      items()
        .find({ n: { $frob: 1 } })
        .toArray(),
    ).rejects.toMatchObject({
      code: 2,
      message: 'unknown operator: $frob',
    });
    await expect(
      items()
        .find({ $text: { $search: 'a' } })
        .toArray(),
    ).rejects.toMatchObject({
      code: 2,
    });
  });
});

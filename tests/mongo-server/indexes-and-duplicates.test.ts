import { Schema, Types, type Model } from 'mongoose';
import { closeHarness, openHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('indexes');
});
afterAll(async () => {
  await closeHarness(h);
});

const raw = (name: string) => h.conn.db!.collection(name);

describe('unique indexes from mongoose schemas', () => {
  const userSchema = new Schema({
    workspaceId: Schema.Types.ObjectId,
    email: String,
    handle: { type: String, unique: true },
  });
  userSchema.index({ workspaceId: 1, email: 1 }, { unique: true });
  let UserModel: Model<typeof userSchema extends Schema<infer T> ? T : never>;
  const User = () => UserModel;

  beforeAll(async () => {
    UserModel = h.conn.model('User', userSchema);
    await User().init();
  });

  test('when a duplicate handle is created, then E11000 carries code, keyPattern and keyValue', async () => {
    await User().create({ handle: 'ada', workspaceId: new Types.ObjectId() });
    const err = await User()
      .create({ handle: 'ada', workspaceId: new Types.ObjectId() })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 11000,
      keyPattern: { handle: 1 },
      keyValue: { handle: 'ada' },
    });
    expect((err as Error).message).toMatch(
      /^E11000 duplicate key error collection: \S+\.users index: handle_1 dup key: \{ handle: "ada" \}$/,
    );
  });

  test('when the same email is used in two workspaces, then the compound index allows it but not twice in one', async () => {
    const [w1, w2] = [new Types.ObjectId(), new Types.ObjectId()];
    await User().create({ workspaceId: w1, email: 'x@example.com', handle: 'x1' });
    await User().create({ workspaceId: w2, email: 'x@example.com', handle: 'x2' });
    const err = await User()
      .create({ workspaceId: w1, email: 'x@example.com', handle: 'x3' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000, keyPattern: { workspaceId: 1, email: 1 } });
    expect(
      (err as { keyValue: { workspaceId: Types.ObjectId } }).keyValue.workspaceId.equals(w1),
    ).toBe(true);
    expect((err as Error).message).toContain(
      `dup key: { workspaceId: ObjectId('${w1.toHexString()}'), email: "x@example.com" }`,
    );
  });

  test('when the index lists its indexes, then _id_ and the unique ones are there', async () => {
    const indexes = await User().listIndexes();
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '_id_', key: { _id: 1 } }),
        expect.objectContaining({ name: 'handle_1', unique: true }),
        expect.objectContaining({ name: 'workspaceId_1_email_1', unique: true }),
      ]),
    );
  });

  test('when an update, upsert, findOneAndUpdate or replace would duplicate a key, then each fails with 11000', async () => {
    await User().create([
      { handle: 'u1', workspaceId: new Types.ObjectId() },
      { handle: 'u2', workspaceId: new Types.ObjectId() },
    ]);
    await expect(
      User().updateOne({ handle: 'u2' }, { $set: { handle: 'u1' } }),
    ).rejects.toMatchObject({ code: 11000, keyValue: { handle: 'u1' } });
    await expect(
      User().updateOne(
        { handle: 'nobody' },
        { $set: { handle: 'u1', workspaceId: new Types.ObjectId() } },
        { upsert: true },
      ),
    ).rejects.toMatchObject({ code: 11000 });
    await expect(
      User().findOneAndUpdate({ handle: 'u2' }, { handle: 'u1' }, { returnDocument: 'after' }),
    ).rejects.toMatchObject({
      code: 11000,
      keyValue: { handle: 'u1' },
    });
    await expect(
      User().replaceOne({ handle: 'u2' }, { handle: 'u1', workspaceId: new Types.ObjectId() }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(await User().countDocuments({ handle: 'u2' })).toBe(1);
  });
});

describe('partial and sparse unique indexes', () => {
  test('when a partial unique index filters on existence, then only documents inside the filter collide', async () => {
    await raw('contacts').createIndex(
      { externalId: 1 },
      { unique: true, partialFilterExpression: { externalId: { $exists: true } } },
    );
    await raw('contacts').insertMany([
      { name: 'no id 1' },
      { name: 'no id 2' },
      { externalId: 'e1' },
    ]);
    const err = await raw('contacts')
      .insertOne({ externalId: 'e1' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 11000,
      keyValue: { externalId: 'e1' },
      keyPattern: { externalId: 1 },
    });
  });

  test('when a partial filter uses a status, then leaving the filter frees the key', async () => {
    await raw('tasks').createIndex(
      { ref: 1 },
      { unique: true, partialFilterExpression: { open: true }, name: 'one_open_per_ref' },
    );
    await raw('tasks').insertOne({ ref: 'r', open: true });
    await expect(raw('tasks').insertOne({ ref: 'r', open: true })).rejects.toMatchObject({
      code: 11000,
    });
    await raw('tasks').updateOne({ ref: 'r' }, { $set: { open: false } });
    await expect(raw('tasks').insertOne({ ref: 'r', open: true })).resolves.toBeDefined();
  });

  test('when a plain unique field is missing twice, then both count as null and collide', async () => {
    await raw('nulls').createIndex({ code: 1 }, { unique: true });
    await raw('nulls').insertOne({ other: 1 });
    await expect(raw('nulls').insertOne({ other: 2 })).rejects.toMatchObject({
      code: 11000,
      keyValue: { code: null },
    });
  });

  test('when a sparse unique field is missing twice, then both are accepted', async () => {
    await raw('sparse').createIndex({ code: 1 }, { unique: true, sparse: true });
    await raw('sparse').insertMany([{ other: 1 }, { other: 2 }]);
    expect(await raw('sparse').countDocuments()).toBe(2);
  });
});

describe('bulk inserts with duplicates', () => {
  beforeAll(async () => {
    await raw('bulk').createIndex({ k: 1 }, { unique: true });
  });

  test('when an unordered insert hits a duplicate, then the others are inserted and the writeError is reported', async () => {
    const err = await raw('bulk')
      .insertMany([{ k: 1 }, { k: 1 }, { k: 2 }], { ordered: false })
      .catch(
        (e: unknown) => e as { code: number; writeErrors: Array<{ index: number; code: number }> },
      );
    expect(err).toMatchObject({ code: 11000 });
    expect(
      (err as { writeErrors: Array<{ index: number; code: number }> }).writeErrors.map((e) => [
        e.index,
        e.code,
      ]),
    ).toEqual([[1, 11000]]);
    expect(await raw('bulk').countDocuments()).toBe(2);
  });

  test('when an ordered insert hits a duplicate, then it stops there', async () => {
    await expect(raw('bulk').insertMany([{ k: 3 }, { k: 1 }, { k: 4 }])).rejects.toMatchObject({
      code: 11000,
    });
    expect(await raw('bulk').distinct('k')).toEqual([1, 2, 3]);
  });

  test('when a duplicate _id is inserted, then the _id_ index reports it', async () => {
    const _id = new Types.ObjectId();
    await raw('bulk').insertOne({ _id, k: 50 });
    const err = await raw('bulk')
      .insertOne({ _id, k: 51 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000, keyPattern: { _id: 1 } });
    expect((err as Error).message).toContain(
      `index: _id_ dup key: { _id: ObjectId('${_id.toHexString()}') }`,
    );
  });
});

describe('index management', () => {
  test('when a unique index is created over existing duplicates, then it fails with 11000 and is not created', async () => {
    await raw('dupes').insertMany([{ v: 1 }, { v: 1 }]);
    await expect(raw('dupes').createIndex({ v: 1 }, { unique: true })).rejects.toMatchObject({
      code: 11000,
    });
    expect((await raw('dupes').listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  test('when a TTL index is created, then it is listed with expireAfterSeconds; documents stay until the 60 s sweep', async () => {
    await raw('ttl').insertOne({ at: new Date(0) });
    await raw('ttl').createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    const ttl = (await raw('ttl').listIndexes().toArray()).find((i) => i.name === 'at_1');
    expect(ttl).toMatchObject({ expireAfterSeconds: 1 });
    expect(await raw('ttl').countDocuments()).toBe(1);
  });

  test('when creating an existing index again, then it is a no-op; with other options under the same name, a conflict', async () => {
    await raw('again').createIndex({ a: 1 });
    await expect(raw('again').createIndex({ a: 1 })).resolves.toBe('a_1');
    await expect(raw('again').createIndex({ a: 1 }, { unique: true })).rejects.toMatchObject({
      code: 86,
    });
  });

  test('when dropping indexes by name, by key and with *, then they go away and constraints lift', async () => {
    const c = raw('drops');
    await c.createIndexes([{ key: { a: 1 }, unique: true }, { key: { b: 1 } }, { key: { c: 1 } }]);
    await c.dropIndex('a_1');
    await c.insertMany([{ a: 1 }, { a: 1 }]);
    await h.conn.db!.command({ dropIndexes: 'drops', index: { b: 1 } });
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'c_1']);
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    await expect(c.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await expect(c.dropIndex('nope_1')).rejects.toMatchObject({ code: 27 });
  });

  test('when listing indexes of a missing collection, then NamespaceNotFound (26) is returned', async () => {
    await expect(raw('missing').listIndexes().toArray()).rejects.toMatchObject({ code: 26 });
  });

  test('when mongoose syncs indexes, then a removed schema index is dropped', async () => {
    const Old = h.conn.model(
      'Synced',
      new Schema({ a: { type: String, index: true }, b: String }),
      'synced',
    );
    await Old.init();
    h.conn.deleteModel('Synced');
    const New = h.conn.model(
      'Synced',
      new Schema({ a: String, b: { type: String, index: true } }),
      'synced',
    );
    await New.syncIndexes();
    expect((await raw('synced').listIndexes().toArray()).map((i) => i.name).sort()).toEqual([
      '_id_',
      'b_1',
    ]);
  });
});

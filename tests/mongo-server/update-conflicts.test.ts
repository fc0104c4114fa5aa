import type { Document, UpdateFilter } from 'mongodb';
import { Schema, type Model } from 'mongoose';
import { closeHarness, openHarness, type Harness } from './helpers';

let h: Harness;
const counterSchema = new Schema({
  key: String,
  count: Number,
  note: String,
  a: Schema.Types.Mixed,
});
let CounterModel: Model<typeof counterSchema extends Schema<infer T> ? T : never>;
const Counter = () => CounterModel;

beforeAll(async () => {
  h = await openHarness('conflicts');
  CounterModel = h.conn.model('Counter', counterSchema);
  await raw().insertOne({ _id: 1 as never, a: { b: { c: 1 } }, n: 1 });
});
afterAll(async () => {
  await closeHarness(h);
});

const raw = () => h.conn.db!.collection('docs');

describe('update operators on conflicting paths', () => {
  test.each<[Record<string, Document>, string, string]>([
    [{ $set: { n: 2 }, $setOnInsert: { n: 3 } }, 'n', 'n'],
    [{ $set: { a: 2 }, $inc: { 'a.b': 1 } }, 'a.b', 'a'],
    [{ $set: { 'a.b': 2 }, $inc: { a: 1 } }, 'a', 'a'],
    [{ $set: { 'a.b': 2 }, $unset: { 'a.b.c': '' } }, 'a.b.c', 'a.b'],
    [{ $set: { a: 1, 'a.b': 2 } }, 'a.b', 'a'],
    [{ $push: { 'a.0': 5 }, $inc: { 'a.0': 1 } }, 'a.0', 'a.0'],
    [{ $rename: { n: 'm' }, $set: { m: 9 } }, 'm', 'm'],
    [{ $rename: { n: 'm' }, $set: { n: 9 } }, 'n', 'n'],
  ])(
    'when updating with %j, then it fails with code 40 naming %s and %s',
    async (spec, path, at) => {
      const update = spec as UpdateFilter<Document>;
      const error = `Updating the path '${path}' would create a conflict at '${at}'`;
      await expect(raw().updateOne({ _id: 1 as never }, update)).rejects.toMatchObject({
        code: 40,
        message: error,
      });
      await expect(
        raw().findOneAndUpdate({ _id: 1 as never }, update, { upsert: true }),
      ).rejects.toMatchObject({
        code: 40,
        codeName: 'ConflictingUpdateOperators',
        message: error,
      });
    },
  );

  test('when no document matches and there is no upsert, then the conflict still fails the update', async () => {
    await expect(
      raw().updateOne({ _id: 'nobody' as never }, { $set: { x: 1 }, $setOnInsert: { x: 2 } }),
    ).rejects.toMatchObject({ code: 40 });
  });

  test('when mongoose upserts with $set and $setOnInsert on one field, then it fails as on mongod', async () => {
    await expect(
      Counter().updateOne(
        { key: 'k' },
        { $set: { note: 'a' }, $setOnInsert: { note: 'b' } },
        { upsert: true },
      ),
    ).rejects.toMatchObject({ code: 40 });
    expect(await Counter().countDocuments({ key: 'k' })).toBe(0);
  });

  test('when paths are siblings or disjoint, then the update applies', async () => {
    await raw().updateOne(
      { _id: 1 as never },
      { $set: { 'a.b.c': 5, 'a.d': 1 }, $inc: { n: 1 }, $setOnInsert: { created: true } },
    );
    expect(await raw().findOne({ _id: 1 as never })).toEqual({
      _id: 1,
      a: { b: { c: 5 }, d: 1 },
      n: 2,
    });
  });

  test('when $rename names the same path on both sides, then it fails with BadValue', async () => {
    await expect(
      raw().updateOne({ _id: 1 as never }, { $rename: { a: 'a.b' } }),
    ).rejects.toMatchObject({ code: 2 });
  });
});

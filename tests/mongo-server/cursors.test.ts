import type { CommandStartedEvent, CommandSucceededEvent } from 'mongodb';
import { Schema, type Model } from 'mongoose';
import { closeHarness, openHarness, type Harness } from './helpers';

let h: Harness;
let started: CommandStartedEvent[] = [];
let succeeded: CommandSucceededEvent[] = [];

beforeAll(async () => {
  h = await openHarness('cursors', { monitorCommands: true });
  RowModel = h.conn.model('Row', rowSchema);
  h.conn.getClient().on('commandStarted', (e) => started.push(e));
  h.conn.getClient().on('commandSucceeded', (e) => succeeded.push(e));
  await Row().insertMany(Array.from({ length: 250 }, (_, i) => ({ i, even: i % 2 === 0 })));
});
afterAll(async () => {
  await closeHarness(h);
});
beforeEach(() => {
  started = [];
  succeeded = [];
});

const rowSchema = new Schema({ i: Number, even: Boolean });
let RowModel: Model<{ i?: number | null; even?: boolean | null }>;
const Row = () => RowModel;
const getMores = () => started.filter((e) => e.commandName === 'getMore');

test('when 250 documents are read with batchSize 50, then they arrive in order over four getMores', async () => {
  const seen: number[] = [];
  for await (const row of Row().find().sort({ i: 1 }).batchSize(50).lean().cursor())
    seen.push(row.i as number);
  expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  expect(getMores()).toHaveLength(4);
  expect(getMores().every((e) => e.command.batchSize === 50)).toBe(true);
});

test('when no batch size is given, then the first batch holds 101 documents and the rest follow', async () => {
  const rows = await Row().find({}).lean();
  expect(rows).toHaveLength(250);
  const find = succeeded.find((e) => e.commandName === 'find');
  expect((find?.reply as { cursor: { firstBatch: unknown[] } }).cursor.firstBatch).toHaveLength(
    101,
  );
});

test('when a limit spans batches, then exactly limit documents are returned', async () => {
  const rows = await Row().find({ even: true }).sort({ i: -1 }).limit(60).batchSize(25).lean();
  expect(rows).toHaveLength(60);
  expect(rows[0]?.i).toBe(248);
  expect(rows[59]?.i).toBe(130);
});

test('when a cursor is closed early, then killCursors kills it and a later getMore fails with CursorNotFound', async () => {
  const cursor = h.conn.db!.collection('rows').find({}, { batchSize: 10 });
  await cursor.next();
  const id = cursor.id!;
  await cursor.close();
  const killed = succeeded.find((e) => e.commandName === 'killCursors');
  expect((killed?.reply as { cursorsKilled: unknown[] }).cursorsKilled.map(String)).toEqual([
    id.toString(),
  ]);
  await expect(h.conn.db!.command({ getMore: id, collection: 'rows' })).rejects.toMatchObject({
    code: 43,
  });
});

test('when an aggregation result is larger than a batch, then it is served through getMore too', async () => {
  const out = await h.conn
    .db!.collection('rows')
    .aggregate([{ $match: { even: false } }, { $project: { _id: 0, i: 1 } }], { batchSize: 40 })
    .toArray();
  expect(out).toHaveLength(125);
  expect(out[124]).toEqual({ i: 249 });
  expect(getMores()).toHaveLength(3);
});

test('when findOne is used, then a single batch is asked for and no cursor stays open', async () => {
  const row = await Row().findOne({ i: 42 }).lean();
  expect(row?.i).toBe(42);
  const find = succeeded.find((e) => e.commandName === 'find');
  expect(String((find?.reply as { cursor: { id: unknown } }).cursor.id)).toBe('0');
});

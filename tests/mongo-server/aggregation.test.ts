import { Schema, Types, type Model } from 'mongoose';
import { closeHarness, openHarness, type Harness } from './helpers';

let h: Harness;
const ws = new Types.ObjectId();

const responseSchema = new Schema({
  workspaceId: Schema.Types.ObjectId,
  surveyId: String,
  score: Number,
  at: Date,
  tags: [String],
});
const surveySchema = new Schema({ key: String, title: String });
type Of<S> = S extends Schema<infer T> ? T : never;
let ResponseModel: Model<Of<typeof responseSchema>>;
let SurveyModel: Model<Of<typeof surveySchema>>;
const Response = () => ResponseModel;
const Survey = () => SurveyModel;

beforeAll(async () => {
  h = await openHarness('aggregation');
  ResponseModel = h.conn.model('Response', responseSchema);
  SurveyModel = h.conn.model('Survey', surveySchema);
  await Survey().insertMany([
    { key: 's1', title: 'After call' },
    { key: 's2', title: 'After visit' },
  ]);
  await Response().insertMany([
    // 22:30 UTC on 30 March 2024 is already 31 March in Paris (UTC+1).
    {
      workspaceId: ws,
      surveyId: 's1',
      score: 10,
      at: new Date('2024-03-30T23:30:00Z'),
      tags: ['fast'],
    },
    // 22:30 UTC on 31 March 2024 is 1 April in Paris (UTC+2 after the DST switch).
    {
      workspaceId: ws,
      surveyId: 's1',
      score: 9,
      at: new Date('2024-03-31T22:30:00Z'),
      tags: ['fast', 'kind'],
    },
    { workspaceId: ws, surveyId: 's1', score: 3, at: new Date('2024-04-01T10:00:00Z'), tags: [] },
    {
      workspaceId: ws,
      surveyId: 's2',
      score: 7,
      at: new Date('2024-04-01T12:00:00Z'),
      tags: ['kind'],
    },
    { workspaceId: ws, surveyId: 's2', score: 0, at: new Date('2024-04-02T12:00:00Z'), tags: [] },
    {
      workspaceId: new Types.ObjectId(),
      surveyId: 's2',
      score: 10,
      at: new Date('2024-04-02T12:00:00Z'),
      tags: [],
    },
  ]);
});
afterAll(async () => {
  await closeHarness(h);
});

test('when grouping by survey, then $sum, $avg, $min, $max and $push are computed per group', async () => {
  const rows = await Response().aggregate([
    { $match: { workspaceId: ws } },
    {
      $group: {
        _id: '$surveyId',
        n: { $sum: 1 },
        avg: { $avg: '$score' },
        lo: { $min: '$score' },
        hi: { $max: '$score' },
      },
    },
    { $sort: { _id: 1 } },
  ]);
  expect(rows).toEqual([
    { _id: 's1', n: 3, avg: 22 / 3, lo: 3, hi: 10 },
    { _id: 's2', n: 2, avg: 3.5, lo: 0, hi: 7 },
  ]);
});

test('when computing NPS buckets with $facet, then each facet sees the same input', async () => {
  const [out] = await Response().aggregate([
    { $match: { workspaceId: ws } },
    {
      $facet: {
        promoters: [{ $match: { score: { $gte: 9 } } }, { $count: 'n' }],
        detractors: [{ $match: { score: { $lte: 6 } } }, { $count: 'n' }],
        total: [{ $count: 'n' }],
      },
    },
  ]);
  expect(out).toEqual({ promoters: [{ n: 2 }], detractors: [{ n: 2 }], total: [{ n: 5 }] });
});

test('when truncating dates to days in Europe/Paris across the DST switch, then days follow Paris midnight', async () => {
  const rows = await Response().aggregate([
    { $match: { workspaceId: ws } },
    {
      $group: {
        _id: { $dateTrunc: { date: '$at', unit: 'day', timezone: 'Europe/Paris' } },
        n: { $sum: 1 },
      },
    },
    { $sort: { _id: 1 } },
  ]);
  expect(rows.map((r: { _id: Date; n: number }) => [r._id.toISOString(), r.n])).toEqual([
    ['2024-03-30T23:00:00.000Z', 1],
    ['2024-03-31T22:00:00.000Z', 3],
    ['2024-04-01T22:00:00.000Z', 1],
  ]);
});

test('when truncating to weeks and months in Europe/Paris, then boundaries are local', async () => {
  const [row] = await Response().aggregate([
    { $match: { score: 9 } },
    {
      $project: {
        week: {
          $dateTrunc: {
            date: '$at',
            unit: 'week',
            timezone: 'Europe/Paris',
            startOfWeek: 'monday',
          },
        },
        month: { $dateTrunc: { date: '$at', unit: 'month', timezone: 'Europe/Paris' } },
      },
    },
  ]);
  expect(row.week.toISOString()).toBe('2024-03-31T22:00:00.000Z');
  expect(row.month.toISOString()).toBe('2024-03-31T22:00:00.000Z');
});

test('when bucketing scores, then $bucket puts each into its NPS band', async () => {
  const rows = await Response().aggregate([
    { $match: { workspaceId: ws } },
    {
      $bucket: {
        groupBy: '$score',
        boundaries: [0, 7, 9, 11],
        default: 'other',
        output: { n: { $sum: 1 } },
      },
    },
  ]);
  expect(rows).toEqual([
    { _id: 0, n: 2 },
    { _id: 7, n: 1 },
    { _id: 9, n: 2 },
  ]);
});

test('when asking $median and $percentile, then values are taken from the data numerically sorted', async () => {
  const [row] = await Response().aggregate([
    { $match: { workspaceId: ws } },
    {
      $group: {
        _id: null,
        median: { $median: { input: '$score', method: 'approximate' } },
        p: { $percentile: { input: '$score', p: [0.25, 0.9], method: 'approximate' } },
      },
    },
  ]);
  // scores 0, 3, 7, 9, 10 — a string sort would have put 10 before 3.
  expect(row).toEqual({ _id: null, median: 7, p: [3, 10] });
});

test('when joining surveys with $lookup and unwinding, then titles come from the other collection', async () => {
  const rows = await Response().aggregate([
    { $match: { workspaceId: ws, score: { $gte: 9 } } },
    { $lookup: { from: 'surveys', localField: 'surveyId', foreignField: 'key', as: 'survey' } },
    { $unwind: '$survey' },
    { $project: { _id: 0, score: 1, title: '$survey.title' } },
    { $sort: { score: -1 } },
  ]);
  expect(rows).toEqual([
    { score: 10, title: 'After call' },
    { score: 9, title: 'After call' },
  ]);
});

test('when using $addFields, $unwind, $skip, $limit and $setWindowFields, then results match MongoDB', async () => {
  const tags = await Response().aggregate([
    { $match: { workspaceId: ws } },
    { $unwind: '$tags' },
    { $group: { _id: '$tags', n: { $sum: 1 } } },
    { $addFields: { label: { $toUpper: '$_id' } } },
    { $sort: { _id: 1 } },
    { $skip: 0 },
    { $limit: 5 },
  ]);
  expect(tags).toEqual([
    { _id: 'fast', n: 2, label: 'FAST' },
    { _id: 'kind', n: 2, label: 'KIND' },
  ]);
  const running = await Response().aggregate([
    { $match: { workspaceId: ws } },
    {
      $setWindowFields: {
        sortBy: { at: 1 },
        output: { total: { $sum: '$score', window: { documents: ['unbounded', 'current'] } } },
      },
    },
    { $project: { _id: 0, total: 1 } },
  ]);
  expect(running.map((r: { total: number }) => r.total)).toEqual([10, 19, 22, 29, 29]);
});

test('when counting, then countDocuments, estimatedDocumentCount and distinct agree with the data', async () => {
  expect(await Response().countDocuments({ workspaceId: ws, score: { $gte: 7 } })).toBe(3);
  expect(await Response().countDocuments({ workspaceId: ws }).skip(1).limit(2)).toBe(2);
  expect(await Response().estimatedDocumentCount()).toBe(6);
  expect(await Response().distinct('surveyId', { workspaceId: ws })).toEqual(['s1', 's2']);
  expect(await Response().distinct('tags')).toEqual(['fast', 'kind']);
});

test('when a pipeline writes with $out, then it is refused with a clear error', async () => {
  await expect(Response().aggregate([{ $out: 'copy' }])).rejects.toThrow(/\$out is not supported/);
});

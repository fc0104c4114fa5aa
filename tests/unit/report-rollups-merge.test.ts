import {
  compareKeys,
  mergeTables,
  valueIdentity,
  type SumsTable,
} from '../../src/reports/rollups/rollup-merge';
import { rollupSelector } from '../../src/reports/rollups/rollup-selector';

const row = (key: unknown, n: number, label: string | null = null) => ({
  key,
  label,
  n,
  sum: n * 9,
  sumSq: n * 81,
  counts: { promoter: n, passive: 0, detractor: 0 },
});

const table = (rows: ReturnType<typeof row>[], reached: number, answered: number): SumsTable => ({
  overall: rows.length
    ? rows.reduce((a, b) => ({ ...a, n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq }))
    : null,
  rows,
  reach: { reached, answered },
  groupReach: new Map(
    rows.map((r) => [r.key === null ? null : String(r.key), { reached, answered }]),
  ),
});

describe('mergeTables', () => {
  it('when two parts share groups, then sums add, labels take the larger, order is MongoDB’s', () => {
    const a = table([row('b2', 2, 'Bob'), row(null, 1)], 10, 4);
    const b = table([row('a1', 3, 'Alice'), row('b2', 1, 'Bobby')], 5, 1);
    const merged = mergeTables(a, b, valueIdentity, (x, y) => compareKeys(x.key, y.key));
    expect(merged.rows.map((r) => [r.key, r.n, r.label])).toEqual([
      [null, 1, null],
      ['a1', 3, 'Alice'],
      ['b2', 3, 'Bobby'],
    ]);
    expect(merged.rows[2]).toMatchObject({ sum: 27, sumSq: 243, counts: { promoter: 3 } });
    expect(merged.overall).toMatchObject({ n: 7 });
    expect(merged.reach).toEqual({ reached: 15, answered: 5 });
    expect(merged.groupReach.get('b2')).toEqual({ reached: 15, answered: 5 });
    expect(merged.groupReach.get(null)).toEqual({ reached: 10, answered: 4 });
  });

  it('when one part is empty, then the other comes back unchanged', () => {
    const a = table([row('x', 2)], 3, 2);
    const empty = table([], 0, 0);
    const merged = mergeTables(empty, a, valueIdentity, (x, y) => compareKeys(x.key, y.key));
    expect(merged.rows).toEqual(a.rows);
    expect(merged.overall).toEqual(a.overall);
    expect(mergeTables(empty, empty, valueIdentity, () => 0).overall).toBeNull();
  });

  it('when keys have several types, then null < numbers < strings, and 1 and "1" stay apart', () => {
    const keys = ['b', 2, null, 'a', 1, '1'];
    expect([...keys].sort(compareKeys)).toEqual([null, 1, 2, '1', 'a', 'b']);
    expect(valueIdentity(1)).not.toBe(valueIdentity('1'));
    expect(valueIdentity(undefined)).toBe(valueIdentity(null));
  });
});

describe('rollupSelector', () => {
  it.each([
    [{}, undefined, { overall: { dimension: 'all' }, groups: null }],
    [{}, 'week', { overall: { dimension: 'all' }, groups: { period: 'week' } }],
    [{}, 'agent', { overall: { dimension: 'all' }, groups: { dimension: 'agent' } }],
    [
      { 'segment.team': 'Support' },
      undefined,
      { overall: { dimension: 'team', value: 'Support' }, groups: null },
    ],
    [
      { channel: 'sms' },
      undefined,
      { overall: { dimension: 'surveyChannel', value: 'sms' }, groups: null },
    ],
  ] as const)(
    'when filters are %j and groupBy %s, then rollups answer',
    (filters, groupBy, expected) => {
      expect(rollupSelector(filters, groupBy)).toEqual(expected);
    },
  );

  it.each([
    [{}, 'attributes.tier'],
    [{ 'segment.attributes.tier': 'gold' }, undefined],
    [{ 'segment.agentName': 'Bob' }, undefined],
    [{ 'segment.team': 'Support' }, 'day'],
    [{ 'segment.team': 'Support', 'segment.region': 'EU' }, undefined],
  ] as const)(
    'when filters are %j and groupBy %s, then the query stays raw',
    (filters, groupBy) => {
      expect(rollupSelector(filters, groupBy)).toBeNull();
    },
  );
});

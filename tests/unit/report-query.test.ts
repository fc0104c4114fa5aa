import { csvCell, csvRow } from '../../src/reports/csv';
import { parseReportQuery } from '../../src/reports/report-query.schema';
import { resolveRange } from '../../src/reports/report-range';
import type { AppError } from '../../src/shared/errors';

const pathsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as AppError).errors?.map((e) => e.path);
  }
  throw new Error('expected a 400');
};

describe('csv cells', () => {
  it.each`
    value                                     | cell
    ${"=cmd|' /C calc'!A0"}                   | ${"'=cmd|' /C calc'!A0"}
    ${'+1 555'}                               | ${"'+1 555"}
    ${'-2'}                                   | ${"'-2"}
    ${'@SUM(A1)'}                             | ${"'@SUM(A1)"}
    ${'\tx'}                                  | ${"'\tx"}
    ${'\rx'}                                  | ${`"'\rx"`}
    ${'a,b'}                                  | ${'"a,b"'}
    ${'say "hi"'}                             | ${'"say ""hi"""'}
    ${'=a,"b"'}                               | ${`"'=a,""b"""`}
    ${-50}                                    | ${'-50'}
    ${null}                                   | ${''}
    ${new Date(Date.UTC(2026, 9, 25, 1, 30))} | ${'2026-10-25T01:30:00.000Z'}
  `('when $value, then $cell', ({ value, cell }) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('when a row is written, then cells join with commas and end with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b\nc'])).toBe('a,1,,"b\nc"\r\n');
  });
});

describe('report query parsing', () => {
  it('when groupBy says "interaction type", then it is the interactionType dimension', () => {
    const q = parseReportQuery('summary', { type: 'nps', groupBy: 'interaction type' });
    expect(q.groupBy).toBe('interactionType');
  });

  it('when filters name dimensions, segment fields or attributes, then they map to response fields', () => {
    const q = parseReportQuery('summary', {
      type: 'ces',
      'filter[agent]': 'a1',
      'filter[revenue]': '120',
      'filter[attributes.tier]': 'gold',
      filter: { surveyChannel: 'sms' },
    });
    expect(q.filters).toEqual({
      'segment.agentId': 'a1',
      'segment.revenue': 120,
      'segment.attributes.tier': 'gold',
      channel: 'sms',
    });
  });

  it('when several parameters are bad, then each is named', () => {
    expect(
      pathsOf(() =>
        parseReportQuery('summary', { type: 'x', groupBy: 'y', 'filter[z]': '1', extra: '1' }),
      ),
    ).toEqual(expect.arrayContaining(['type', 'groupBy', 'filter[z]', 'extra']));
  });
});

describe('resolveRange', () => {
  it('when dates are given, then they are whole local days with `to` included', () => {
    expect(resolveRange({ from: '2026-10-25', to: '2026-10-25' }, 'Europe/Paris')).toEqual({
      from: new Date('2026-10-24T22:00:00Z'),
      to: new Date('2026-10-25T23:00:00Z'),
    });
  });

  it('when nothing is given, then the 30 days up to now', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(resolveRange({}, 'UTC', now)).toEqual({
      from: new Date('2026-10-26T12:00:00Z'),
      to: now,
    });
  });

  it('when reversed or over two years, then 400 naming from or to', () => {
    expect(pathsOf(() => resolveRange({ from: '2026-02-01', to: '2026-01-01' }, 'UTC'))).toEqual([
      'from',
    ]);
    expect(pathsOf(() => resolveRange({ from: '2024-01-01', to: '2026-01-02' }, 'UTC'))).toEqual([
      'to',
    ]);
    expect(resolveRange({ from: '2024-01-01', to: '2025-12-31' }, 'UTC').to).toEqual(
      new Date('2026-01-01T00:00:00Z'),
    );
  });
});

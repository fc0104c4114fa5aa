import { csvRecords, parseCsv } from '../../src/transfer/imports/csv-parse';
import { mapFormbricks } from '../../src/transfer/imports/formbricks';
import { parseDate } from '../../src/transfer/imports/imported-answer';

describe('CSV reading', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""","1\n2"\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', '1\n2'],
    ]);
  });

  it('refuses a row of the wrong width and an unclosed quote, naming the line', () => {
    expect(() => csvRecords('a,b\n1\n')).toThrow(/row 2 has 1 fields/);
    expect(() => parseCsv('a\n"open')).toThrow(/never closed/);
  });

  it('reads Formbricks and Delighted dates, without zone as UTC', () => {
    expect(parseDate('2026-10-10 10:00:00')).toEqual(new Date('2026-10-10T10:00:00Z'));
    expect(parseDate('1791280800')).toEqual(new Date(1791280800 * 1000));
    expect(parseDate('soon')).toBeNull();
  });

  it('takes the first question column of whole numbers on the scale as the Formbricks score', () => {
    const headers = ['Response ID', 'Timestamp', '1. Your name?', '2. Recommend?', '3. Why?'];
    const rows = [
      {
        'Response ID': 'a',
        Timestamp: '2026-10-10 10:00:00',
        '1. Your name?': 'Zoé',
        '2. Recommend?': '9',
        '3. Why?': '7 days',
      },
    ];
    const mapped = mapFormbricks(headers, rows, { min: 0, max: 10 });
    expect(mapped.problems).toEqual([]);
    expect(mapped.answers[0]).toMatchObject({ score: 9, comment: 'Zoé' });
    const named = mapFormbricks(headers, rows, { min: 0, max: 10 }, { commentColumn: '3. Why?' });
    expect(named.answers[0]).toMatchObject({ score: 9, comment: '7 days' });
  });
});

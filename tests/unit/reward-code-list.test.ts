import {
  mergeCodeLists,
  parseCodeList,
  parseCsv,
  poolLevel,
} from '../../src/rules/reward-code-list';

describe('reward code lists', () => {
  it('reads one code per line, trimmed, blank lines skipped, repeats counted once', () => {
    expect(parseCodeList('A1\r\n\r\n  A2  \nA1\rA3\n')).toEqual({
      codes: ['A1', 'A2', 'A3'],
      repeated: 1,
      tooLong: [],
    });
  });

  it('reads a CSV: the "code" column when named, quotes and separators inside them, a BOM, semicolons', () => {
    const csv = '\uFEFFvalue,Code\r\n"5,00 €","Q-""1"""\r\n"multi\nline",Q-2\r\n10,Q-2\r\n';
    expect(parseCodeList(csv)).toEqual({ codes: ['Q-"1"', 'Q-2'], repeated: 1, tooLong: [] });
    expect(parseCodeList('S-1;5\nS-2;5')).toEqual({
      codes: ['S-1', 'S-2'],
      repeated: 0,
      tooLong: [],
    });
    // Without a header naming it, the first column.
    expect(parseCodeList('F-1,x\nF-2,y').codes).toEqual(['F-1', 'F-2']);
  });

  it('numbers the source lines of codes that are too long, across quoted line breaks', () => {
    const long = 'x'.repeat(101);
    expect(parseCodeList(`ok\n${long}\n`).tooLong).toEqual([2]);
    expect(parseCsv('"a\nb",c\nd,e', ',')).toEqual([
      { cells: ['a\nb', 'c'], line: 1 },
      { cells: ['d', 'e'], line: 3 },
    ]);
  });

  it('merges pasted codes and a file, counting codes in both as repeats', () => {
    expect(mergeCodeLists([parseCodeList('A\nB'), parseCodeList('code\nB\nC')])).toEqual({
      codes: ['A', 'B', 'C'],
      repeated: 1,
      tooLong: [],
    });
  });
});

describe('pool level', () => {
  it('is low under 20 codes or under 10% of all the pool held, empty at 0', () => {
    expect(poolLevel(0, 5)).toBe('empty');
    expect(poolLevel(19, 0)).toBe('low');
    expect(poolLevel(20, 0)).toBe('ok');
    expect(poolLevel(25, 275)).toBe('low');
    expect(poolLevel(30, 270)).toBe('ok');
  });
});

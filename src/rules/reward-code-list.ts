/**
 * Reward codes as an admin pastes or uploads them: one per line, or a CSV file (comma or
 * semicolon separated, RFC 4180 quotes). In a CSV the column named "code" (any case) is read
 * when the first row names one, else the first column; a first line "code" alone is a header. Blank lines are skipped; a code
 * repeated in the upload counts once and is reported as a duplicate.
 */
export const CODE_MAX_LENGTH = 100;

export interface CodeList {
  codes: string[];
  /** Repeats inside this upload (codes already in the pool are counted when added). */
  repeated: number;
  /** 1-based line numbers of codes longer than CODE_MAX_LENGTH. */
  tooLong: number[];
}

/** RFC 4180 records: quoted fields may hold the separator, quotes ("") and line breaks. */
export function parseCsv(text: string, separator: string): { cells: string[]; line: number }[] {
  const records: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(cell);
      records.push({ cells, line: recordLine });
      cells = [];
      cell = '';
      line += 1;
      recordLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ cells, line: recordLine });
  }
  return records;
}

function separatorOf(firstLine: string): string | null {
  if (firstLine.includes(',') || firstLine.includes('"')) return ',';
  if (firstLine.includes(';')) return ';';
  return null;
}

export function parseCodeList(raw: string): CodeList {
  const text = raw.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = separatorOf(firstLine);
  let rows: { value: string; line: number }[];
  if (separator === null) {
    rows = text.split(/\r\n|\r|\n/).map((value, i) => ({ value, line: i + 1 }));
    // A one-column CSV from a spreadsheet still has its header.
    if (/^codes?$/i.test(rows[0]?.value.trim() ?? '')) rows = rows.slice(1);
  } else {
    const records = parseCsv(text, separator);
    const header = records[0]?.cells.map((c) => c.trim().toLowerCase()) ?? [];
    const named = header.findIndex((c) => c === 'code' || c === 'codes');
    const column = Math.max(named, 0);
    rows = records
      .slice(named >= 0 ? 1 : 0)
      .map((r) => ({ value: r.cells[column] ?? '', line: r.line }));
  }
  const seen = new Set<string>();
  const codes: string[] = [];
  const tooLong: number[] = [];
  let repeated = 0;
  for (const { value, line } of rows) {
    const code = value.trim();
    if (code === '') continue;
    if (code.length > CODE_MAX_LENGTH) tooLong.push(line);
    else if (seen.has(code)) repeated += 1;
    else {
      seen.add(code);
      codes.push(code);
    }
  }
  return { codes, repeated, tooLong };
}

/** Pasted codes and a file's, parsed each on its own (one may be CSV, the other not). */
export function mergeCodeLists(lists: readonly CodeList[]): CodeList {
  const seen = new Set<string>();
  const merged: CodeList = { codes: [], repeated: 0, tooLong: [] };
  for (const list of lists) {
    merged.repeated += list.repeated;
    merged.tooLong.push(...list.tooLong);
    for (const code of list.codes) {
      if (seen.has(code)) merged.repeated += 1;
      else {
        seen.add(code);
        merged.codes.push(code);
      }
    }
  }
  return merged;
}

/**
 * A pool runs low when fewer than LOW_POOL_CODES codes are left, or fewer than
 * LOW_POOL_SHARE of all it ever held — so a big pool warns while there is time to refill it.
 */
export const LOW_POOL_CODES = 20;
export const LOW_POOL_SHARE = 0.1;

export type PoolLevel = 'empty' | 'low' | 'ok';

export function poolLevel(remaining: number, used: number): PoolLevel {
  if (remaining === 0) return 'empty';
  const total = remaining + used;
  return remaining < LOW_POOL_CODES || remaining < total * LOW_POOL_SHARE ? 'low' : 'ok';
}

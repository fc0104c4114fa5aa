/**
 * RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside quotes, CRLF
 * or LF rows, a leading BOM. package.json has no CSV parser (csv-stringify writes only), so this
 * small reader stands in; it refuses what it cannot read instead of guessing.
 */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  for (; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (c === '\n') line += 1;
        field += c;
      }
    } else if (c === '"') {
      if (field !== '') throw new CsvError('a quote inside an unquoted field', line);
      quoted = true;
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
    } else field += c;
  }
  if (quoted) throw new CsvError('a quoted field is never closed', line);
  if (field !== '' || row.length) endRow();
  return rows;
}

/** Rows as objects keyed by the header row (trimmed); a row of the wrong width is refused. */
export function csvRecords(text: string): { headers: string[]; records: Record<string, string>[] } {
  const [head, ...rows] = parseCsv(text);
  if (!head) throw new CsvError('the file is empty', 1);
  const headers = head.map((h) => h.trim());
  const records = rows.map((cells, i) => {
    if (cells.length !== headers.length)
      throw new CsvError(
        `row ${i + 2} has ${cells.length} fields, the header ${headers.length}`,
        i + 2,
      );
    return Object.fromEntries(headers.map((h, j) => [h, cells[j]!.trim()]));
  });
  return { headers, records };
}

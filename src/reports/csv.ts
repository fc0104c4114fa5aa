/**
 * A small RFC 4180 writer (csv-stringify is not a dependency yet): CRLF line ends, fields
 * quoted when they hold a comma, quote, CR or LF, quotes doubled. Text that a spreadsheet would
 * read as a formula (starting with = + - @, tab or CR) is prefixed with ' (OWASP's CSV
 * injection advice). Numbers, booleans and dates are written by us, never user text, so they
 * stay unprefixed and a negative revenue is still a number.
 */
export type CsvValue = string | number | boolean | Date | null | undefined;

export const UTF8_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

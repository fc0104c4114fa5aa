import { csvRow, UTF8_BOM, type CsvValue } from '../reports/csv';
import type { ZipEntry } from '../shared/zip-archive';
import type { ContactExport } from './privacy.service';

/**
 * The console's export of one person: the JSON document of GET /contacts/:id/export as it is,
 * plus one CSV per collection for a spreadsheet — one row per document, nested fields as dotted
 * columns (`customer.email`), lists as JSON text in one cell.
 */
export function contactExportFiles(exported: ContactExport): ZipEntry[] {
  const json = JSON.stringify(exported, null, 2);
  const files: ZipEntry[] = [{ name: `contact-${exported.contactId}.json`, content: json }];
  // Through JSON first: ObjectIds become hex strings and dates ISO text, as in the JSON file.
  const plain = JSON.parse(json) as ContactExport;
  for (const [collection, docs] of Object.entries(plain.collections)) {
    files.push({ name: `${collection}.csv`, content: collectionCsv(docs) });
  }
  return files;
}

function flatten(value: unknown, prefix: string, into: Map<string, CsvValue>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) into.set(prefix, '');
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  if (Array.isArray(value)) into.set(prefix, JSON.stringify(value));
  else if (value === null || value === undefined) into.set(prefix, null);
  else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    into.set(prefix, value);
  else into.set(prefix, JSON.stringify(value));
}

/** Columns in the order they first appear, so `_id` and the main fields come first. */
export function collectionCsv(docs: readonly unknown[]): string {
  const rows = docs.map((doc) => {
    const cells = new Map<string, CsvValue>();
    flatten(doc, '', cells);
    return cells;
  });
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of row.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return (
    UTF8_BOM + csvRow(columns) + rows.map((row) => csvRow(columns.map((c) => row.get(c)))).join('')
  );
}

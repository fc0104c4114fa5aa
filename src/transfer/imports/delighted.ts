import { columnOf, parseDate, parseScore, type MappedRows } from './imported-answer';

/**
 * Delighted's response export: one row per response with its id, score, comment, time, the
 * person's email and name, and one column per person property. Columns are found by name
 * (case-insensitive), so a reordered export or one with extra columns still reads.
 */
const COLUMNS = {
  id: ['Response ID', 'id'],
  score: ['Score'],
  comment: ['Comment'],
  date: ['Response timestamp', 'Created at', 'created_at', 'Date'],
  email: ['Email', 'Person email'],
  name: ['Name', 'Person name'],
};
/** Delighted's own bookkeeping: not the person's properties. */
const NOT_PROPERTIES = [
  'Updated at',
  'updated_at',
  'Permalink',
  'Person ID',
  'Survey type',
  'Tags',
  'Notes',
  'Additional answers',
];

export function mapDelighted(
  headers: readonly string[],
  records: readonly Record<string, string>[],
  scale: { min: number; max: number },
): MappedRows {
  const col = Object.fromEntries(
    Object.entries(COLUMNS).map(([k, names]) => [k, columnOf(headers, names)]),
  ) as Record<keyof typeof COLUMNS, string | null>;
  const problems = (['id', 'score', 'date'] as const)
    .filter((k) => !col[k])
    .map((k) => ({ path: 'file', message: `has no ${COLUMNS[k][0]} column` }));
  if (problems.length) return { answers: [], problems };
  const known = new Set(
    [...Object.values(col), ...NOT_PROPERTIES].map((h) => h?.toLowerCase() ?? ''),
  );
  const propertyColumns = headers.filter((h) => !known.has(h.toLowerCase()));
  const out: MappedRows = { answers: [], problems: [] };
  records.forEach((r, i) => {
    const path = `row ${i + 2}`;
    const score = parseScore(r[col.score!]!, scale);
    const answeredAt = parseDate(r[col.date!]!);
    if (score === null)
      return out.problems.push({
        path,
        message: `score "${r[col.score!]}" is not on ${scale.min}–${scale.max}`,
      });
    if (!answeredAt)
      return out.problems.push({ path, message: `date "${r[col.date!]}" is not a date` });
    if (!r[col.id!]) return out.problems.push({ path, message: 'has no response id' });
    out.answers.push({
      sourceId: r[col.id!]!,
      score,
      comment: (col.comment && r[col.comment]) || null,
      answeredAt,
      email: (col.email && r[col.email]?.toLowerCase()) || null,
      name: (col.name && r[col.name]) || null,
      properties: Object.fromEntries(
        propertyColumns.filter((h) => r[h] !== '').map((h) => [h, r[h]!]),
      ),
    });
  });
  return out;
}

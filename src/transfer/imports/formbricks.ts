import { columnOf, parseDate, parseScore, type MappedRows } from './imported-answer';

/**
 * Formbricks' response download: "No.", "Response ID", "Timestamp", "Finished", "Survey ID",
 * the contact's ids, "Tags", meta columns (source, url, userAgent - …), then one column per
 * question ("1. How likely …?"), hidden fields, variables and contact attributes. The score is
 * the first question column whose answers are all whole numbers on the scale (or the one named
 * in `scoreColumn`); the comment the next question column (or `commentColumn`).
 */
const BOOKKEEPING = [
  'No.',
  'Response ID',
  'Timestamp',
  'Finished',
  'Survey ID',
  'Formbricks ID (internal)',
  'User ID',
  'Tags',
  'Notes',
  'Quotas',
  'Verified Email',
  'source',
  'url',
  'action',
  'country',
  'language',
];
const QUESTION = /^\d+\.\s/;

export function mapFormbricks(
  headers: readonly string[],
  records: readonly Record<string, string>[],
  scale: { min: number; max: number },
  options: { scoreColumn?: string; commentColumn?: string } = {},
): MappedRows {
  const id = columnOf(headers, ['Response ID']);
  const date = columnOf(headers, ['Timestamp', 'Date']);
  const email = columnOf(headers, ['email', 'Email', 'Verified Email']);
  const name = columnOf(headers, ['name', 'Name']);
  const questions = headers.filter((h) => QUESTION.test(h));
  const onScale = (h: string) =>
    records.every((r) => r[h] === '' || parseScore(r[h]!, scale) !== null) &&
    records.some((r) => r[h] !== '');
  const score = options.scoreColumn
    ? columnOf(headers, [options.scoreColumn])
    : (questions.find(onScale) ?? null);
  const comment = options.commentColumn
    ? columnOf(headers, [options.commentColumn])
    : (questions.find((h) => h !== score && !onScale(h)) ?? null);
  const problems = [
    !id && { path: 'file', message: 'has no Response ID column' },
    !date && { path: 'file', message: 'has no Timestamp column' },
    !score && {
      path: options.scoreColumn ? 'scoreColumn' : 'file',
      message: options.scoreColumn
        ? `names no column of the file`
        : `has no question column of whole numbers on ${scale.min}–${scale.max}`,
    },
  ].filter((p): p is { path: string; message: string } => Boolean(p));
  if (problems.length) return { answers: [], problems };
  const skip = new Set(
    [...BOOKKEEPING, score, comment, email, name].map((h) => h?.toLowerCase() ?? ''),
  );
  const propertyColumns = headers.filter(
    (h) => !skip.has(h.toLowerCase()) && !QUESTION.test(h) && !h.startsWith('userAgent'),
  );
  const out: MappedRows = { answers: [], problems: [] };
  records.forEach((r, i) => {
    const path = `row ${i + 2}`;
    if (r[score!] === '') return; // an unfinished response that never reached the score
    const value = parseScore(r[score!]!, scale);
    const answeredAt = parseDate(r[date!]!);
    if (value === null)
      return out.problems.push({
        path,
        message: `score "${r[score!]}" is not on ${scale.min}–${scale.max}`,
      });
    if (!answeredAt)
      return out.problems.push({ path, message: `date "${r[date!]}" is not a date` });
    if (!r[id!]) return out.problems.push({ path, message: 'has no response id' });
    out.answers.push({
      sourceId: r[id!]!,
      score: value,
      comment: (comment && r[comment]) || null,
      answeredAt,
      email: (email && r[email]?.toLowerCase()) || null,
      name: (name && r[name]) || null,
      properties: Object.fromEntries(
        propertyColumns.filter((h) => r[h] !== '').map((h) => [h, r[h]!]),
      ),
    });
  });
  return out;
}

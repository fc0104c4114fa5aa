/** One answer read from another tool's export, before it becomes a Retour response. */
export interface ImportedAnswer {
  /** The other tool's response id: the idempotency key of the import. */
  sourceId: string;
  score: number;
  comment: string | null;
  answeredAt: Date;
  email: string | null;
  name: string | null;
  /** The other columns (person properties, hidden fields, attributes), as segment fields. */
  properties: Record<string, string>;
}

export interface RowProblem {
  path: string;
  message: string;
}

export interface MappedRows {
  answers: ImportedAnswer[];
  problems: RowProblem[];
}

const find = (headers: readonly string[], names: readonly string[]) =>
  headers.find((h) => names.some((n) => h.toLowerCase() === n.toLowerCase())) ?? null;

export function columnOf(headers: readonly string[], names: readonly string[]): string | null {
  return find(headers, names);
}

/** "2024-06-15 10:00:00", ISO 8601 or Unix seconds; a time without zone is read as UTC. */
export function parseDate(raw: string): Date | null {
  if (/^\d{9,11}$/.test(raw)) return new Date(Number(raw) * 1000);
  const text = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?$/.test(raw)
    ? `${raw.replace(' ', 'T')}Z`
    : raw;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function parseScore(raw: string, scale: { min: number; max: number }): number | null {
  if (!/^\d{1,2}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= scale.min && n <= scale.max ? n : null;
}

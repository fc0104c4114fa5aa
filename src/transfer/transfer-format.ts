/**
 * The workspace export's NDJSON lines. Pure: what a line is, how a cursor is written. Documents
 * are MongoDB Extended JSON (relaxed), so ids and dates survive the trip exactly.
 */
export const EXPORT_FORMAT = 'retour-workspace-export';
export const EXPORT_VERSION = 1;

export interface HeaderLine {
  type: 'header';
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  /** The workspace's own settings (no secret), applied to the target by an import. */
  workspace: Record<string, unknown>;
}
export interface DocLine {
  type: 'doc';
  collection: string;
  /** Pass as ?cursor= to resume the export after this document. */
  cursor: string;
  doc: Record<string, unknown>;
}
/** The export stopped at its `limit`: fetch the rest with this cursor. */
export interface MoreLine {
  type: 'more';
  cursor: string;
}
export interface EndLine {
  type: 'end';
  counts: Record<string, number>;
}
export type ExportLine = HeaderLine | DocLine | MoreLine | EndLine;

export interface ExportCursor {
  collection: string;
  id: string;
}

export function encodeExportCursor(c: ExportCursor): string {
  return Buffer.from(`${c.collection}:${c.id}`, 'utf8').toString('base64url');
}

export function decodeExportCursor(raw: string): ExportCursor | null {
  const match = /^([a-z_]+):([0-9a-f]{24})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  return match ? { collection: match[1]!, id: match[2]! } : null;
}

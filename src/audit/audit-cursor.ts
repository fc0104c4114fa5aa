/** Where a page of the audit trail ended: the last entry's (at, _id), newest first. */
export interface AuditCursor {
  at: Date;
  id: string;
}

export function encodeAuditCursor(c: AuditCursor): string {
  return Buffer.from(`${c.at.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

/** The cursor a previous page answered, or null when it is not one. */
export function decodeAuditCursor(raw: string): AuditCursor | null {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|([0-9a-f]{24})$/.exec(text);
  if (!match) return null;
  const at = new Date(match[1]!);
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2]! };
}

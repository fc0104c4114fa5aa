import { Types } from 'mongoose';

/** An opaque page cursor: the (createdAt, _id) of the last delivery answered. */
export function encodeCursor(createdAt: Date, id: Types.ObjectId): string {
  return Buffer.from(`${createdAt.getTime()}.${String(id)}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: Types.ObjectId } | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(text);
  if (!match) return null;
  return { createdAt: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}

import type { Connection, Types } from 'mongoose';
import { userModel } from './user.model';

/** The id of the workspace's user with this e-mail (stored lower-cased), inactive ones too. */
export async function userIdByEmail(
  conn: Connection,
  workspaceId: Types.ObjectId,
  email: string,
): Promise<string | null> {
  const user = await userModel(conn)
    .findOne({ workspaceId, email: email.trim().toLowerCase() })
    .select({ _id: 1 })
    .lean<{ _id: Types.ObjectId }>();
  return user ? String(user._id) : null;
}

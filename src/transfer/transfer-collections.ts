import type { Model } from 'mongoose';

/**
 * Collections a workspace export leaves out, and why: secrets and one-time links stay in the
 * installation that issued them, and the rest is the installation's own plumbing.
 */
const LEFT_OUT: Record<string, string> = {
  apikeys: 'secrets: issue new keys on the target',
  passwordtokens: 'one-time links of this installation',
  job_outbox: 'queued jobs of this installation',
  sender_number_claims: "this installation's inbound routing",
};

/** Fields never exported, per collection (users sign in again through "forgot password"). */
export const DROPPED_FIELDS: Record<string, readonly string[]> = {
  users: ['passwordHash', 'sessionEpoch'],
};

export interface TransferCollection {
  name: string;
  model: Model<unknown>;
}

/** Every collection that holds a workspace's documents (by workspaceId), in a stable order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function transferCollections(models: readonly Model<any>[]): TransferCollection[] {
  const seen = new Set<string>();
  const out: TransferCollection[] = [];
  for (const model of models) {
    const name = model.collection.collectionName;
    if (seen.has(name) || name === 'workspaces' || LEFT_OUT[name]) continue;
    if (!model.schema.path('workspaceId')) continue;
    seen.add(name);
    out.push({ name, model: model as Model<unknown> });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export function isLeftOut(name: string): boolean {
  return name in LEFT_OUT;
}

import type { Cursors } from '../cursors';
import { badValue, namespaceNotFound, type Doc } from '../errors';
import type { Collection, Store } from '../store';
import type { TieBreaker } from '../ties';

/** Set when the server presents itself as the primary of a one-member replica set. */
export interface ReplicaSetIdentity {
  setName: string;
  /** host:port, as clients reach it and as the set's member list names it. */
  host: string;
}

export interface CommandContext {
  store: Store;
  cursors: Cursors;
  ties: TieBreaker;
  replicaSet?: ReplicaSetIdentity;
  connectionId: number;
  dbName: string;
}

export type Handler = (cmd: Doc, ctx: CommandContext) => Doc;

/** The collection a command targets is the value of its first field (`{ find: "users" }`). */
export function targetName(cmd: Doc): string {
  const first = Object.values(cmd)[0];
  if (typeof first !== 'string' || first === '')
    throw badValue('collection name must be a non-empty string');
  return first;
}

export const findCollection = (cmd: Doc, ctx: CommandContext): Collection | undefined =>
  ctx.store.db(ctx.dbName).get(targetName(cmd));

export const writableCollection = (cmd: Doc, ctx: CommandContext): Collection =>
  ctx.store.db(ctx.dbName).getOrCreate(targetName(cmd));

export function existingCollection(cmd: Doc, ctx: CommandContext): Collection {
  const coll = findCollection(cmd, ctx);
  if (!coll) throw namespaceNotFound(`ns does not exist: ${ctx.dbName}.${targetName(cmd)}`);
  return coll;
}

export const asDoc = (v: unknown): Doc =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Doc) : {};
export const asNumber = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

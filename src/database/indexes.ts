import type { Connection } from 'mongoose';
import { StartRefused } from '../shared/run-main';
import { registerModels } from './models';

/** What `npm run cli -- sync-indexes` would change on one collection. */
export interface CollectionIndexDiff {
  collection: string;
  /** Schema indexes the collection lacks (or has with other options), by their names. */
  missing: { name: string; key: Record<string, unknown> }[];
  /** Indexes of the collection no schema declares (never _id_). */
  extra: string[];
}

type IndexSpec = [Record<string, unknown>, { name?: string } | undefined];

/** mongod's default index name: `workspaceId_1_createdAt_-1`. */
const indexName = ([key, options]: IndexSpec) =>
  options?.name ??
  Object.entries(key)
    .map(([field, dir]) => `${field}_${String(dir)}`)
    .join('_');

/** Compares every model's schema indexes with the collection's (mongoose's diffIndexes). */
export async function diffIndexes(conn: Connection): Promise<CollectionIndexDiff[]> {
  const diffs: CollectionIndexDiff[] = [];
  for (const model of registerModels(conn)) {
    const diff = await model.diffIndexes({ indexOptionsToCreate: true });
    diffs.push({
      collection: model.collection.collectionName,
      missing: (diff.toCreate as unknown as IndexSpec[]).map((spec) => ({
        name: indexName(spec),
        key: spec[0],
      })),
      extra: diff.toDrop,
    });
  }
  return diffs.sort((a, b) => (a.collection < b.collection ? -1 : 1));
}

export class MissingIndexesError extends StartRefused {
  constructor(readonly missing: CollectionIndexDiff[]) {
    const lines = missing.map(
      (c) =>
        `  - ${c.collection}: ${c.missing.map((i) => `${i.name} ${JSON.stringify(i.key)}`).join(', ')}`,
    );
    super(
      [
        'MongoDB lacks indexes this version needs (production start-up checks them instead of building them):',
        ...lines,
        'Create them with `npm run cli -- sync-indexes` (or `docker compose run --rm cli sync-indexes`), then start again.',
      ].join('\n'),
    );
    this.name = 'MissingIndexesError';
  }
}

/**
 * Production start-up: refuses when any schema index is missing, since unique indexes carry
 * idempotency (one response per invitation, one action per rule) and the others keep every
 * query off a collection scan. Extra indexes are only reported.
 */
export async function checkIndexes(conn: Connection): Promise<{ extra: CollectionIndexDiff[] }> {
  const diffs = await diffIndexes(conn);
  const missing = diffs.filter((d) => d.missing.length > 0);
  if (missing.length) throw new MissingIndexesError(missing);
  return { extra: diffs.filter((d) => d.extra.length > 0) };
}

export interface SyncedCollection {
  collection: string;
  created: string[];
  dropped: string[];
}

/**
 * Makes every collection's indexes those of its schema (mongoose's syncIndexes): creates the
 * missing ones and drops those no schema declares, including an index whose options changed
 * (it is dropped, then built again with the new ones). `keepExtra` only creates.
 */
export async function syncIndexes(
  conn: Connection,
  options: { keepExtra?: boolean } = {},
): Promise<SyncedCollection[]> {
  const before = await diffIndexes(conn);
  const models = registerModels(conn);
  const out: SyncedCollection[] = [];
  for (const model of models) {
    const collection = model.collection.collectionName;
    const diff = before.find((d) => d.collection === collection)!;
    if (options.keepExtra) {
      await model.createCollection().catch((err: { code?: number }) => {
        if (err.code !== 48) throw err; // NamespaceExists
      });
      await model.createIndexes();
    } else {
      await model.syncIndexes();
    }
    out.push({
      collection,
      created: diff.missing.map((i) => i.name),
      dropped: options.keepExtra ? [] : diff.extra,
    });
  }
  return out.sort((a, b) => (a.collection < b.collection ? -1 : 1));
}

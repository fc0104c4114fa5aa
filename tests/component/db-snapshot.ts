import { createHash } from 'node:crypto';
import { EJSON } from 'bson';
import type { TestContext } from '../support/harness';

function dbOf(ctx: TestContext) {
  const db = ctx.container.mongo.db;
  if (!db) throw new Error('The test context has no open database');
  return db;
}

async function collectionNames(ctx: TestContext): Promise<string[]> {
  const list = await dbOf(ctx).listCollections({}, { nameOnly: true }).toArray();
  return list.map((c) => c.name).sort();
}

/** How many documents each collection of the test database holds. */
export async function collectionCounts(ctx: TestContext): Promise<Record<string, number>> {
  const db = dbOf(ctx);
  const counts: Record<string, number> = {};
  for (const name of await collectionNames(ctx)) {
    counts[name] = await db.collection(name).estimatedDocumentCount();
  }
  return counts;
}

/**
 * One hash per collection over the documents matching `filter` (e.g. one workspace's), each
 * document serialised as canonical EJSON and the list sorted, so storage order never matters.
 */
export async function collectionHashes(
  ctx: TestContext,
  filter: (collection: string) => Record<string, unknown>,
): Promise<Record<string, string>> {
  const db = dbOf(ctx);
  const hashes: Record<string, string> = {};
  for (const name of await collectionNames(ctx)) {
    const docs = await db.collection(name).find(filter(name)).toArray();
    const lines = docs.map((d) => EJSON.stringify(d, { relaxed: false })).sort();
    hashes[name] = `${docs.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
  }
  return hashes;
}

/**
 * Collections and documents in the whole test database, in one round trip (dbStats): cheap
 * enough to read after every request, where collectionCounts is read per batch.
 */
export async function storedTotals(ctx: TestContext): Promise<string> {
  const stats = await dbOf(ctx).command({ dbStats: 1 });
  return `${String(stats.collections)} collections, ${String(stats.objects)} documents`;
}

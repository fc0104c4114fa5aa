import type { Doc } from './errors';
import { compileFilter } from './query';
import type { Collection, Store } from './store';
import { getPath, isPlainObject } from './values';

export const TTL_SWEEP_ENV = 'MONGO_STANDIN_TTL_SWEEP_MS';
/** mongod's TTL monitor wakes every 60 s (ttlMonitorSleepSecs). */
export const DEFAULT_TTL_SWEEP_MS = 60_000;

/** The sweep period: given, else MONGO_STANDIN_TTL_SWEEP_MS, else 60 s. A malformed value stops start-up. */
export function resolveTtlSweepMs(given?: number): number {
  if (given !== undefined) return given;
  const raw = process.env[TTL_SWEEP_ENV]?.trim();
  if (!raw) return DEFAULT_TTL_SWEEP_MS;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new Error(
      `${TTL_SWEEP_ENV} must be a whole number of milliseconds (1 or more), got "${raw}"`,
    );
  return Number(raw);
}

/** When a document expires under one TTL field: its date, or the earliest date of an array. */
function expiresAt(doc: Doc, field: string, seconds: number): number | undefined {
  const value = getPath(doc, field);
  const dates = (Array.isArray(value) ? value : [value]).filter(
    (v): v is Date => v instanceof Date,
  );
  if (dates.length === 0) return undefined; // not a date: never expires, as on mongod
  return Math.min(...dates.map((d) => d.getTime())) + seconds * 1000;
}

function sweepCollection(coll: Collection, now: number): number {
  let removed = 0;
  for (const index of [...coll.indexes.values()]) {
    const { key, expireAfterSeconds, partialFilterExpression } = index.spec;
    const fields = Object.keys(key);
    // mongod's TTL monitor only reads single-field indexes.
    if (typeof expireAfterSeconds !== 'number' || fields.length !== 1) continue;
    const field = fields[0] as string;
    const filter = isPlainObject(partialFilterExpression)
      ? compileFilter(partialFilterExpression)
      : null;
    for (const doc of coll.all()) {
      const at = expiresAt(doc, field, expireAfterSeconds);
      if (at === undefined || at >= now) continue;
      if (filter && !filter.test(doc)) continue;
      coll.remove(doc);
      removed++;
    }
  }
  return removed;
}

/** One pass of the TTL monitor over every collection; returns how many documents it removed. */
export function sweepExpired(store: Store, now = Date.now()): number {
  let removed = 0;
  for (const db of store.databases())
    for (const coll of db.collections.values()) removed += sweepCollection(coll, now);
  return removed;
}

/** Runs sweeps every `periodMs`; the timer never keeps the process alive. Returns its stop. */
export function startTtlMonitor(store: Store, periodMs: number): () => void {
  const timer = setInterval(() => sweepExpired(store), periodMs);
  timer.unref();
  return () => clearInterval(timer);
}

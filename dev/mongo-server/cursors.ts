import { Long } from 'bson';
import { CommandError, type Doc } from './errors';
import { bsonSize, MAX_BSON, tooLarge } from './limits';

interface OpenCursor {
  ns: string;
  remaining: Doc[];
}

export const DEFAULT_BATCH_SIZE = 101;

/** Holds the not-yet-returned results of find/aggregate/list* commands between getMore calls. */
export class Cursors {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = 1000 + Math.floor(Math.random() * 1000);

  /** Answers the first batch; keeps a cursor only if documents remain. */
  first(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch = false): Doc {
    const wanted =
      batchSize && batchSize > 0 ? batchSize : singleBatch ? docs.length : DEFAULT_BATCH_SIZE;
    const size = fitting(docs, wanted);
    const firstBatch = docs.slice(0, size);
    let id = 0;
    if (!singleBatch && docs.length > size) {
      id = this.nextId++;
      this.open.set(id, { ns, remaining: docs.slice(size) });
    }
    return { cursor: { firstBatch, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  more(id: number, ns: string, batchSize: number | undefined): Doc {
    const cursor = this.open.get(id);
    if (!cursor || cursor.ns !== ns)
      throw new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
    let size: number;
    try {
      size = fitting(cursor.remaining, batchSize && batchSize > 0 ? batchSize : Infinity);
    } catch (err) {
      this.open.delete(id); // mongod kills a cursor whose getMore failed
      throw err;
    }
    const nextBatch = cursor.remaining.splice(0, size);
    if (cursor.remaining.length === 0) this.open.delete(id);
    return { cursor: { nextBatch, id: Long.fromNumber(this.open.has(id) ? id : 0), ns }, ok: 1 };
  }

  kill(ids: number[]): Doc {
    const killed = ids.filter((id) => this.open.delete(id));
    const notFound = ids.filter((id) => !killed.includes(id));
    const asLongs = (xs: number[]) => xs.map((x) => Long.fromNumber(x));
    return {
      cursorsKilled: asLongs(killed),
      cursorsNotFound: asLongs(notFound),
      cursorsAlive: [],
      cursorsUnknown: [],
      ok: 1,
    };
  }
}

/**
 * How many of the leading `docs` (at most `wanted`) one reply carries: as on mongod, a batch
 * stops before the document that would take it past 16 MiB, and holds at least one. A document
 * over 16 MiB itself (built by a pipeline) cannot be returned at all.
 */
function fitting(docs: Doc[], wanted: number): number {
  let bytes = 0;
  let n = 0;
  for (const doc of docs) {
    if (n >= wanted) break;
    const size = bsonSize(doc);
    if (size > MAX_BSON) throw tooLarge(doc, size);
    if (n > 0 && bytes + size > MAX_BSON) break;
    bytes += size;
    n++;
  }
  return n;
}

export const toNumber = (v: unknown): number =>
  typeof v === 'number'
    ? v
    : v instanceof Long
      ? v.toNumber()
      : typeof v === 'bigint'
        ? Number(v)
        : NaN;

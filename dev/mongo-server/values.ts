import { Binary, Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { CommandError, type Doc } from './errors';
import type { TieBreaker } from './ties';

export const isPlainObject = (v: unknown): v is Doc =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Deep copy of plain objects, arrays and dates; BSON value types are immutable and shared. */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}

export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Doc)[part];
  }
  return cur;
}

export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Doc = doc;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (!isPlainObject(next)) cur[part] = {};
    cur = cur[part] as Doc;
  }
  cur[parts[parts.length - 1] as string] = value;
}

// Canonical type ranks of MongoDB's comparison order; numbers share one rank.
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number' || v instanceof Long || v instanceof Decimal128) return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (v instanceof Binary) return 6;
  if (v instanceof ObjectId) return 7;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  if (v instanceof Timestamp) return 10;
  if (v instanceof RegExp) return 11;
  return 4;
}

const toNumber = (v: unknown): number =>
  typeof v === 'number' ? v : v instanceof Long ? v.toNumber() : Number(String(v));

const cmp = <T>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return cmp(ra, rb);
  switch (ra) {
    case 1:
      return 0;
    case 2:
      return cmp(toNumber(a), toNumber(b));
    case 3:
    case 8:
      return cmp(a, b);
    case 7:
      return cmp((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 9:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 5:
      return compareArrays(a as unknown[], b as unknown[]);
    case 4:
      return compareDocs(a as Doc, b as Doc);
    default:
      return cmp(String(a), String(b));
  }
}

function compareArrays(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return cmp(a.length, b.length);
}

function compareDocs(a: Doc, b: Doc): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const c = cmp(ka[i], kb[i]) || compareValues(a[ka[i] as string], b[kb[i] as string]);
    if (c !== 0) return c;
  }
  return cmp(ka.length, kb.length);
}

/** Sort key of a field for one direction: arrays sort by their smallest (asc) or largest (desc) element. */
function sortKey(doc: Doc, path: string, dir: number): unknown {
  const v = getPath(doc, path);
  if (!Array.isArray(v) || v.length === 0) return v;
  return v.reduce((best: unknown, x: unknown) => (compareValues(x, best) * dir < 0 ? x : best));
}

/** The fields of a sort spec with their directions, refusing what mongod refuses. */
export function sortFields(sort: Doc | undefined): [string, 1 | -1][] {
  return Object.entries(sort ?? {}).map(([path, d]) => {
    if (isPlainObject(d) && '$meta' in d)
      throw new CommandError(
        115,
        'CommandNotSupported',
        `sort by { $meta: ${JSON.stringify(d.$meta)} } on '${path}' is not supported by the in-memory test server`,
      );
    if (d !== 1 && d !== -1)
      throw new CommandError(
        15975,
        'Location15975',
        '$sort key ordering must be 1 (for ascending) or -1 (for descending)',
      );
    return [path, d];
  });
}

/**
 * `docs` sorted by `sort`. Ties come out in an order the tie breaker scrambles (see ties.ts):
 * mongod promises none.
 */
export function sortDocs(docs: Doc[], sort: Doc | undefined, ties: TieBreaker): Doc[] {
  const fields = sortFields(sort);
  if (fields.length === 0) return docs;
  // Array.prototype.sort is stable, so ties keep the shuffled order.
  return ties.shuffled(docs).sort((x, y) => {
    for (const [path, dir] of fields) {
      const c = compareValues(sortKey(x, path, dir), sortKey(y, path, dir));
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

/** A string that is equal for two values exactly when MongoDB treats them as equal index keys. */
export function keyString(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number' || v instanceof Long || v instanceof Decimal128)
    return `n:${toNumber(v)}`;
  if (typeof v === 'string') return `s:${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `b:${v}`;
  if (v instanceof Date) return `d:${v.getTime()}`;
  if (v instanceof ObjectId) return `o:${v.toHexString()}`;
  if (Array.isArray(v)) return `a:[${v.map(keyString).join(',')}]`;
  if (isPlainObject(v))
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${keyString(x)}`)
      .join(',')}}`;
  return `x:${String(v)}`;
}

/** Renders a value the way the mongo shell prints it inside E11000 messages. */
export function shellString(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Array.isArray(v)) return `[ ${v.map(shellString).join(', ')} ]`;
  if (isPlainObject(v))
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${shellString(x)}`)
      .join(', ')} }`;
  return String(v);
}

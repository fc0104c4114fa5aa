import type { Doc } from './errors';
import { isPlainObject } from './values';

/**
 * Candidate selection for equality filters. For the fields of every declared index (and each
 * prefix of a compound one) a collection keeps a map from the values of those fields to the
 * documents holding them. The map only narrows the documents a filter is tested against: results
 * still come from mingo's predicate, so a lookup must return every document the filter could
 * match (a superset), never fewer. Hence:
 * - keys are coarser than mingo's equality: 1, 1.0 and Long(1) share a key; a missing field and
 *   null share one (mingo's `$eq: null` matches both);
 * - an array holding only scalars is indexed under each element (multikey), as `{f: v}` matches
 *   an array containing v;
 * - a document whose value cannot be keyed that way (an empty array, nested arrays or objects in
 *   an array, a subdocument, an array or scalar on the way down a dotted path, binary, regex...)
 *   goes to the tuple's `spill` set, which every lookup returns in full.
 */

const NULL_KEY = 'z';
const MAX_COMBINATIONS = 64;
const MAX_IN_VALUES = 64;

/** Key of a scalar under equality, or undefined for values this index does not key. */
export function scalarKey(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return `s${v.length}:${v}`;
    case 'number':
      return `n${v}`; // String(-0) is "0", as -0 === 0
    case 'boolean':
      return v ? 'b1' : 'b0';
    case 'undefined':
      return NULL_KEY;
    case 'object': {
      if (v === null) return NULL_KEY;
      if (v instanceof Date) return `d${v.getTime()}`;
      const typed = v as { _bsontype?: unknown; toHexString?: () => string };
      switch (typed._bsontype) {
        case 'ObjectId':
          return `o${(v as { toHexString(): string }).toHexString()}`;
        case 'Long':
          return `n${(v as { toNumber(): number }).toNumber()}`;
        case 'Decimal128':
        case 'Int32':
        case 'Double':
          return `n${Number(String(v))}`;
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

/** The keys a document has for one field, or null when it must be spilled. */
function fieldKeys(doc: Doc, parts: readonly string[]): string[] | null {
  let cur: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    if (cur === undefined || cur === null) return [NULL_KEY];
    if (!isPlainObject(cur)) return null; // arrays or scalars on the path: mingo walks them
    cur = cur[parts[i] as string];
  }
  if (Array.isArray(cur)) {
    if (cur.length === 0) return null;
    const keys: string[] = [];
    for (const el of cur) {
      const k = scalarKey(el);
      if (k === undefined) return null;
      keys.push(k);
    }
    return keys;
  }
  const k = scalarKey(cur);
  return k === undefined ? null : [k];
}

function combine(lists: readonly (readonly string[])[]): string[] | null {
  let out: string[] = [''];
  for (const [i, list] of lists.entries()) {
    if (out.length * list.length > MAX_COMBINATIONS) return null;
    const next: string[] = [];
    for (const prefix of out) for (const k of list) next.push(i === 0 ? k : `${prefix}\u0000${k}`);
    out = next;
  }
  return [...new Set(out)];
}

/** Documents by the values of a list of fields (one index, or a prefix of a compound one). */
export class FieldLookup {
  private readonly parts: string[][];
  private readonly buckets = new Map<string, Set<Doc>>();
  private readonly spill = new Set<Doc>();
  /** How many declared indexes need this lookup. */
  refs = 0;

  constructor(readonly fields: readonly string[]) {
    this.parts = fields.map((f) => f.split('.'));
  }

  private keysOf(doc: Doc): string[] | null {
    const lists: string[][] = [];
    for (const parts of this.parts) {
      const keys = fieldKeys(doc, parts);
      if (!keys) return null;
      lists.push(keys);
    }
    return combine(lists);
  }

  add(doc: Doc): void {
    const keys = this.keysOf(doc);
    if (!keys) {
      this.spill.add(doc);
      return;
    }
    for (const key of keys) {
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = new Set()));
      bucket.add(doc);
    }
  }

  remove(doc: Doc): void {
    const keys = this.keysOf(doc);
    if (!keys) {
      this.spill.delete(doc);
      return;
    }
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      bucket.delete(doc);
      if (bucket.size === 0) this.buckets.delete(key);
    }
  }

  /** Keys to look up for per-field key lists (in `fields` order), or null when too many. */
  lookupKeys(lists: readonly (readonly string[])[]): string[] | null {
    return combine(lists);
  }

  /** An upper bound of how many documents `collect(keys)` returns. */
  estimate(keys: readonly string[]): number {
    let n = this.spill.size;
    for (const key of keys) n += this.buckets.get(key)?.size ?? 0;
    return n;
  }

  collect(keys: readonly string[]): Set<Doc> {
    const out = new Set<Doc>(this.spill);
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (bucket) for (const doc of bucket) out.add(doc);
    }
    return out;
  }
}

/** The keys of the values a field condition limits the field to, or undefined for "any". */
function conditionKeys(condition: unknown): string[] | undefined {
  const direct = scalarKey(condition);
  if (direct !== undefined) return [direct];
  if (!isPlainObject(condition)) return undefined; // arrays, regexes, binary...
  const ops = Object.keys(condition);
  if (ops.length === 0 || !ops.every((op) => op.startsWith('$'))) return undefined; // subdocument
  if ('$eq' in condition) {
    const k = scalarKey(condition.$eq);
    if (k !== undefined) return [k];
  }
  const $in = condition.$in;
  if (Array.isArray($in) && $in.length <= MAX_IN_VALUES) {
    const keys: string[] = [];
    for (const v of $in) {
      const k = scalarKey(v);
      if (k === undefined) return undefined;
      keys.push(k);
    }
    return [...new Set(keys)];
  }
  return undefined;
}

/**
 * Fields the filter pins to a few values: top-level `field: value`, `{ $eq }` and `{ $in }` with
 * scalars, also inside a top-level `$and`. Each must hold for a document to match.
 */
export function equalityConstraints(
  filter: Doc,
  out = new Map<string, string[]>(),
): Map<string, string[]> {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and') {
      if (Array.isArray(condition))
        for (const part of condition) if (isPlainObject(part)) equalityConstraints(part, out);
      continue;
    }
    if (field.startsWith('$') || field === '') continue;
    const keys = conditionKeys(condition);
    if (!keys) continue;
    const known = out.get(field);
    if (!known || keys.length < known.length) out.set(field, keys);
  }
  return out;
}

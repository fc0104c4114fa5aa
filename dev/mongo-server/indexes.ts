import { Query } from 'mingo/query';
import { CommandError, type Doc } from './errors';
import { compiledQueryOptions } from './mingo/context';
import { isPlainObject, keyString, shellString } from './values';

export interface IndexSpec {
  v: number;
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

export const indexNameFor = (key: Doc): string =>
  Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join('_');

/** One index of a collection. Only unique indexes keep entries, since nothing else is enforced. */
export class Index {
  private readonly entries = new Map<string, Doc>();
  private readonly partial?: Query;

  constructor(
    readonly spec: IndexSpec,
    private readonly ns: string,
  ) {
    if (spec.partialFilterExpression)
      this.partial = new Query(spec.partialFilterExpression, compiledQueryOptions());
  }

  get name(): string {
    return this.spec.name;
  }

  /** Per key field, the values `doc` is indexed under; refuses two arrays in one compound key. */
  private fieldValues(doc: Doc): { values: unknown[][]; present: boolean } {
    const paths = Object.keys(this.spec.key);
    let present = false;
    const arrays: string[] = [];
    const values = paths.map((path) => {
      const v = indexValues(doc, path.split('.'));
      if (v.found) present = true;
      if (v.multikey) arrays.push(path);
      return v.values;
    });
    if (arrays.length > 1)
      throw new CommandError(
        171,
        'CannotIndexParallelArrays',
        `cannot index parallel arrays [${arrays.join('] [')}]`,
      );
    return { values, present };
  }

  /** The index keys of `doc` (one per array element, as mongod's multikey), none if left out. */
  private keysOf(doc: Doc): { key: string; value: Doc }[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const { values, present } = this.fieldValues(doc);
    if (this.spec.sparse && !present) return [];
    let combos: unknown[][] = [[]];
    for (const vs of values) combos = combos.flatMap((c) => vs.map((v) => [...c, v]));
    const paths = Object.keys(this.spec.key);
    const seen = new Map<string, Doc>();
    for (const combo of combos) {
      const key = combo.map((v) => (v === EMPTY_ARRAY ? 'empty-array' : keyString(v))).join('|');
      if (seen.has(key)) continue; // one document may repeat a value in its own array
      const value: Doc = {};
      paths.forEach((p, i) => (value[p] = combo[i] === EMPTY_ARRAY ? undefined : combo[i]));
      seen.set(key, value);
    }
    return [...seen].map(([key, value]) => ({ key, value }));
  }

  /** Throws the E11000 error if `doc` would collide with another document than `self`. */
  check(doc: Doc, self?: Doc): void {
    if (!this.spec.unique) {
      if (Object.keys(this.spec.key).length > 1) this.fieldValues(doc);
      return;
    }
    for (const k of this.keysOf(doc)) {
      const holder = this.entries.get(k.key);
      if (holder && holder !== self) throw duplicateKey(this.ns, this.spec, k.value);
    }
  }

  add(doc: Doc): void {
    if (!this.spec.unique) return;
    for (const k of this.keysOf(doc)) this.entries.set(k.key, doc);
  }

  remove(doc: Doc): void {
    if (!this.spec.unique) return;
    for (const k of this.keysOf(doc))
      if (this.entries.get(k.key) === doc) this.entries.delete(k.key);
  }
}

// mongod keys an empty array as undefined, a key of its own (not null).
const EMPTY_ARRAY = Symbol('empty array');

/**
 * The values `path` takes in `doc` for an index: arrays on the way or at the end fan out into
 * their elements; a missing field is null. `multikey` says an array was expanded.
 */
function indexValues(
  cur: unknown,
  parts: string[],
): { values: unknown[]; found: boolean; multikey: boolean } {
  if (parts.length === 0) {
    if (!Array.isArray(cur))
      return { values: [cur ?? null], found: cur !== undefined, multikey: false };
    return { values: cur.length ? cur : [EMPTY_ARRAY], found: true, multikey: true };
  }
  if (Array.isArray(cur)) {
    const out = cur.map((el) => indexValues(el, parts));
    const values = out.flatMap((o) => o.values);
    return {
      values: values.length ? values : [null],
      found: out.some((o) => o.found),
      multikey: true,
    };
  }
  if (!isPlainObject(cur)) return { values: [null], found: false, multikey: false };
  return indexValues(cur[parts[0] as string], parts.slice(1));
}

export function duplicateKey(ns: string, spec: IndexSpec, keyValue: Doc): CommandError {
  const keyPattern = { ...spec.key };
  const errmsg = `E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: ${shellString(keyValue)}`;
  return new CommandError(11000, 'DuplicateKey', errmsg, { keyPattern, keyValue });
}

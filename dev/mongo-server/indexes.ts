import { Query } from 'mingo/query';
import { CommandError, type Doc } from './errors';
import { compiledQueryOptions } from './mingo/context';
import { getPath, keyString, shellString } from './values';

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

  private keyOf(doc: Doc): { key: string; value: Doc } | null {
    if (this.partial && !this.partial.test(doc)) return null;
    const value: Doc = {};
    let present = false;
    for (const path of Object.keys(this.spec.key)) {
      const v = getPath(doc, path);
      if (v !== undefined) present = true;
      value[path] = v ?? null; // a missing field is indexed as null
    }
    if (this.spec.sparse && !present) return null;
    return { key: keyString(Object.values(value)), value };
  }

  /** Throws the E11000 error if `doc` would collide with another document than `self`. */
  check(doc: Doc, self?: Doc): void {
    if (!this.spec.unique) return;
    const k = this.keyOf(doc);
    if (!k) return;
    const holder = this.entries.get(k.key);
    if (holder && holder !== self) throw duplicateKey(this.ns, this.spec, k.value);
  }

  add(doc: Doc): void {
    const k = this.spec.unique ? this.keyOf(doc) : null;
    if (k) this.entries.set(k.key, doc);
  }

  remove(doc: Doc): void {
    const k = this.spec.unique ? this.keyOf(doc) : null;
    if (k && this.entries.get(k.key) === doc) this.entries.delete(k.key);
  }
}

export function duplicateKey(ns: string, spec: IndexSpec, keyValue: Doc): CommandError {
  const keyPattern = { ...spec.key };
  const errmsg = `E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: ${shellString(keyValue)}`;
  return new CommandError(11000, 'DuplicateKey', errmsg, { keyPattern, keyValue });
}

import { ObjectId } from 'bson';
import { CommandError, type Doc } from './errors';
import { Index, duplicateKey, type IndexSpec } from './indexes';
import { equalityConstraints, FieldLookup } from './lookup';
import { compileFilter } from './query';
import { clone, keyString } from './values';

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** Puts `_id` first, generating an ObjectId when missing, as mongod does on insert. */
export function withId(doc: Doc): Doc {
  const { _id, ...rest } = doc;
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}

export class Collection {
  // Keyed by the canonical string of _id; a Map keeps insertion (natural) order.
  private readonly byId = new Map<string, Doc>();
  readonly indexes = new Map<string, Index>();
  // Candidate lookups by the fields of each index and each prefix of a compound one (lookup.ts).
  private readonly lookups = new Map<string, FieldLookup>();
  // The lookups filled so far: one is filled the first time a filter could use it, so prefixes
  // no filter reads by equality (those ending in a date) cost no memory.
  private readonly filled = new Set<FieldLookup>();
  // Natural order of a stored document (kept across replace), to order lookup results.
  private readonly order = new WeakMap<Doc, number>();
  private nextOrder = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {
    this.indexes.set(ID_INDEX.name, new Index(ID_INDEX, this.ns));
    this.addLookups(ID_INDEX);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.byId.size;
  }

  /** The stored documents: callers must not mutate them (use replace). */
  all(): Doc[] {
    return [...this.byId.values()];
  }

  /**
   * The stored documents matching `filter`, in natural order; callers must not mutate them.
   * Equality conditions on indexed fields narrow the documents mingo tests (see lookup.ts).
   */
  find(filter: Doc): Doc[] {
    if (Object.keys(filter).length === 0) return this.all();
    const query = compileFilter(filter); // compiled first: invalid filters fail even when empty
    const out: Doc[] = [];
    for (const doc of this.candidates(filter)) if (query.test(doc)) out.push(doc);
    return out;
  }

  /** A superset of the documents `filter` matches, in natural order. */
  candidates(filter: Doc): Doc[] {
    const best = this.bestLookup(filter);
    if (!best) return this.all();
    const docs = [...best.lookup.collect(best.keys)];
    if (docs.length > 1) {
      const order = this.order;
      docs.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    }
    return docs;
  }

  /**
   * What `candidates(filter)` does, for explain: the declared index whose in-memory map narrows
   * the documents (IXSCAN), or none (COLLSCAN). Several indexes can share a map (a common
   * prefix); named is the one whose next key fields the filter also reads, as mongod's bounds
   * would favour it: first the longest run right after the prefix, then the fields it reads
   * further on, front ones first. A heuristic: mongod ranks plans by trial runs.
   */
  plan(filter: Doc): { indexName: string; keyPattern: Doc } | null {
    if (Object.keys(filter).length === 0) return null;
    const best = this.bestLookup(filter);
    if (!best) return null;
    const prefix = best.lookup.fields;
    let chosen: { index: Index; score: number } | undefined;
    for (const index of this.indexes.values()) {
      const fields = Object.keys(index.spec.key);
      if (!prefix.every((f, i) => fields[i] === f)) continue;
      let run = prefix.length;
      while (run < fields.length && fields[run]! in filter) run++;
      // Fields nearer the front bound the scan more: they weigh more.
      const read = fields.reduce((sum, f, i) => sum + (f in filter ? 1 / (i + 1) : 0), 0);
      const score = run * 1000 + read;
      if (!chosen || score > chosen.score) chosen = { index, score };
    }
    return chosen
      ? { indexName: chosen.index.name, keyPattern: { ...chosen.index.spec.key } }
      : null;
  }

  private bestLookup(filter: Doc): { lookup: FieldLookup; keys: string[] } | undefined {
    const constraints = equalityConstraints(filter);
    if (constraints.size === 0) return undefined;
    let best: { lookup: FieldLookup; keys: string[]; n: number } | undefined;
    for (const lookup of this.lookups.values()) {
      const lists: string[][] = [];
      for (const field of lookup.fields) {
        const keys = constraints.get(field);
        if (!keys) break;
        lists.push(keys);
      }
      if (lists.length !== lookup.fields.length) continue;
      this.fill(lookup);
      const keys = lookup.lookupKeys(lists);
      if (!keys) continue;
      const n = lookup.estimate(keys);
      if (!best || n < best.n) best = { lookup, keys, n };
      if (n === 0) break;
    }
    return best && best.n < this.byId.size ? best : undefined;
  }

  private fill(lookup: FieldLookup): void {
    if (this.filled.has(lookup)) return;
    for (const doc of this.byId.values()) lookup.add(doc);
    this.filled.add(lookup);
  }

  private addLookups(spec: IndexSpec): void {
    const fields = Object.keys(spec.key);
    for (let i = 1; i <= fields.length; i++) {
      const prefix = fields.slice(0, i);
      if (prefix.some((f) => f === '' || f.includes('$'))) return; // wildcard/text specials
      const id = prefix.join('\u0000');
      let lookup = this.lookups.get(id);
      if (!lookup) {
        lookup = new FieldLookup(prefix);
        this.lookups.set(id, lookup);
      }
      lookup.refs++;
    }
  }

  private dropLookups(spec: IndexSpec): void {
    const fields = Object.keys(spec.key);
    for (let i = 1; i <= fields.length; i++) {
      const id = fields.slice(0, i).join('\u0000');
      const lookup = this.lookups.get(id);
      if (lookup && --lookup.refs <= 0) {
        this.lookups.delete(id);
        this.filled.delete(lookup);
      }
    }
  }

  insert(input: Doc): Doc {
    const doc = withId(clone(input));
    const id = keyString(doc._id);
    if (this.byId.has(id)) throw duplicateKey(this.ns, ID_INDEX, { _id: doc._id });
    for (const index of this.indexes.values()) index.check(doc);
    this.byId.set(id, doc);
    this.order.set(doc, this.nextOrder++);
    for (const index of this.indexes.values()) index.add(doc);
    for (const lookup of this.filled) lookup.add(doc);
    return doc;
  }

  /**
   * Stores `input` in place of `current`. `owned` says the caller built `input` afresh and keeps
   * no reference to it (applyUpdate's result), so it need not be copied.
   */
  replace(current: Doc, input: Doc, owned = false): Doc {
    const next = owned ? input : clone(input);
    if (keyString(next._id) !== keyString(current._id)) {
      throw new CommandError(
        66,
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    for (const index of this.indexes.values()) index.check(next, current);
    for (const index of this.indexes.values()) index.remove(current);
    for (const lookup of this.filled) lookup.remove(current);
    this.byId.set(keyString(current._id), next);
    this.order.set(next, this.order.get(current) ?? this.nextOrder++);
    for (const index of this.indexes.values()) index.add(next);
    for (const lookup of this.filled) lookup.add(next);
    return next;
  }

  remove(doc: Doc): void {
    for (const index of this.indexes.values()) index.remove(doc);
    for (const lookup of this.filled) lookup.remove(doc);
    this.byId.delete(keyString(doc._id));
  }

  /** Returns false when an identical index already exists. */
  createIndex(spec: IndexSpec): boolean {
    const existing = [...this.indexes.values()].find(
      (i) => i.name === spec.name || keyString(i.spec.key) === keyString(spec.key),
    );
    if (existing) {
      if (sameIndex(existing.spec, spec)) return false;
      const detail = `Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing.spec)}`;
      if (existing.name === spec.name) {
        throw new CommandError(
          86,
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. ${detail}`,
        );
      }
      throw new CommandError(
        85,
        'IndexOptionsConflict',
        `Index already exists with a different name: ${existing.name}. ${detail}`,
      );
    }
    const index = new Index(spec, this.ns);
    const docs = this.all();
    for (const doc of docs) {
      index.check(doc);
      index.add(doc);
    }
    this.indexes.set(spec.name, index);
    this.addLookups(spec);
    return true;
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX.name)
      throw new CommandError(72, 'InvalidOptions', 'cannot drop _id index');
    const index = this.indexes.get(name);
    if (!index || !this.indexes.delete(name))
      throw new CommandError(27, 'IndexNotFound', `index not found with name [${name}]`);
    this.dropLookups(index.spec);
  }
}

const OPTIONS_THAT_MATTER = [
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
] as const;

function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  if (a.name !== b.name || keyString(a.key) !== keyString(b.key)) return false;
  return OPTIONS_THAT_MATTER.every((k) => keyString(a[k] ?? false) === keyString(b[k] ?? false));
}

export class Database {
  readonly collections = new Map<string, Collection>();
  constructor(readonly name: string) {}

  get(name: string): Collection | undefined {
    return this.collections.get(name);
  }

  /** Collections come into being on first write, as in MongoDB. */
  getOrCreate(name: string): Collection {
    let coll = this.collections.get(name);
    if (!coll) {
      coll = new Collection(this.name, name);
      this.collections.set(name, coll);
    }
    return coll;
  }
}

export class Store {
  private readonly dbs = new Map<string, Database>();

  db(name: string): Database {
    let db = this.dbs.get(name);
    if (!db) {
      db = new Database(name);
      this.dbs.set(name, db);
    }
    return db;
  }

  /** Databases exist only while they hold a collection. */
  databases(): Database[] {
    return [...this.dbs.values()].filter((d) => d.collections.size > 0);
  }

  dropDatabase(name: string): void {
    this.dbs.delete(name);
  }
}

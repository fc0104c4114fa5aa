import { ObjectId } from 'bson';
import { CommandError, type Doc } from './errors';
import { Index, duplicateKey, type IndexSpec } from './indexes';
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

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {
    this.indexes.set(ID_INDEX.name, new Index(ID_INDEX, this.ns));
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

  insert(input: Doc): Doc {
    const doc = withId(clone(input));
    const id = keyString(doc._id);
    if (this.byId.has(id)) throw duplicateKey(this.ns, ID_INDEX, { _id: doc._id });
    for (const index of this.indexes.values()) index.check(doc);
    this.byId.set(id, doc);
    for (const index of this.indexes.values()) index.add(doc);
    return doc;
  }

  replace(current: Doc, input: Doc): Doc {
    const next = clone(input);
    if (keyString(next._id) !== keyString(current._id)) {
      throw new CommandError(
        66,
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    for (const index of this.indexes.values()) index.check(next, current);
    for (const index of this.indexes.values()) index.remove(current);
    this.byId.set(keyString(current._id), next);
    for (const index of this.indexes.values()) index.add(next);
    return next;
  }

  remove(doc: Doc): void {
    for (const index of this.indexes.values()) index.remove(doc);
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
    return true;
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX.name)
      throw new CommandError(72, 'InvalidOptions', 'cannot drop _id index');
    if (!this.indexes.delete(name))
      throw new CommandError(27, 'IndexNotFound', `index not found with name [${name}]`);
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

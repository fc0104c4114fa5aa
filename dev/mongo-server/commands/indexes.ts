import { badValue, CommandError, type Doc } from '../errors';
import { indexNameFor, type IndexSpec } from '../indexes';
import { checkPartialFilter } from '../partial-filter';
import { keyString } from '../values';
import {
  asDoc,
  existingCollection,
  findCollection,
  writableCollection,
  type Handler,
} from './context';

function toSpec(raw: unknown): IndexSpec {
  const input = asDoc(raw);
  const key = asDoc(input.key);
  if (Object.keys(key).length === 0) throw badValue('index key pattern must be a non-empty object');
  const name = typeof input.name === 'string' ? input.name : indexNameFor(key);
  checkPartialFilter(input);
  return { ...input, v: 2, key, name };
}

const createIndexes: Handler = (cmd, ctx) => {
  if (!Array.isArray(cmd.indexes)) throw badValue("'indexes' must be an array");
  const specs = cmd.indexes.map(toSpec);
  const existed = findCollection(cmd, ctx) !== undefined;
  const coll = writableCollection(cmd, ctx);
  const before = coll.indexes.size;
  let created = 0;
  for (const spec of specs) if (coll.createIndex(spec)) created++;
  const reply: Doc = {
    numIndexesBefore: before,
    numIndexesAfter: coll.indexes.size,
    createdCollectionAutomatically: !existed,
    ok: 1,
  };
  if (created === 0) reply.note = 'all indexes already exist';
  return reply;
};

const listIndexes: Handler = (cmd, ctx) => {
  const coll = existingCollection(cmd, ctx);
  const specs = [...coll.indexes.values()].map((i) => ({ ...i.spec }));
  return ctx.cursors.first(coll.ns, specs, asDoc(cmd.cursor).batchSize as number | undefined);
};

const dropIndexes: Handler = (cmd, ctx) => {
  const coll = existingCollection(cmd, ctx);
  const nIndexesWas = coll.indexes.size;
  const target = cmd.index;
  let names: string[];
  if (target === '*') names = [...coll.indexes.keys()].filter((n) => n !== '_id_');
  else if (typeof target === 'string') names = [target];
  else if (Array.isArray(target)) names = target.map(String);
  else {
    const wanted = keyString(asDoc(target));
    const match = [...coll.indexes.values()].find((i) => keyString(i.spec.key) === wanted);
    if (!match)
      throw new CommandError(
        27,
        'IndexNotFound',
        `can't find index with key: ${JSON.stringify(target)}`,
      );
    names = [match.name];
  }
  for (const name of names) coll.dropIndex(name);
  return { nIndexesWas, ok: 1 };
};

export const indexCommands: Record<string, Handler> = {
  createindexes: createIndexes,
  listindexes: listIndexes,
  dropindexes: dropIndexes,
  deleteindexes: dropIndexes,
};

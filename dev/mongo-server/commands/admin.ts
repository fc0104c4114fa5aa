import { Query } from 'mingo/query';
import { CommandError, type Doc } from '../errors';
import { compiledQueryOptions } from '../mingo/context';
import type { Collection } from '../store';
import { asDoc, findCollection, targetName, type Handler } from './context';

const ID_INDEX = { v: 2, key: { _id: 1 }, name: '_id_' };

const listDatabases: Handler = (cmd, ctx) => {
  const all = ctx.store.databases().map((db) => ({ name: db.name, sizeOnDisk: 0, empty: false }));
  const filter = new Query(asDoc(cmd.filter), compiledQueryOptions());
  const databases = all
    .filter((d) => filter.test(d))
    .map((d) => (cmd.nameOnly ? { name: d.name } : d));
  return { databases, totalSize: 0, totalSizeMb: 0, ok: 1 };
};

const dropDatabase: Handler = (_cmd, ctx) => {
  ctx.store.dropDatabase(ctx.dbName);
  return { dropped: ctx.dbName, ok: 1 };
};

const create: Handler = (cmd, ctx) => {
  const name = targetName(cmd);
  const db = ctx.store.db(ctx.dbName);
  if (db.get(name))
    throw new CommandError(
      48,
      'NamespaceExists',
      `Collection ${ctx.dbName}.${name} already exists.`,
    );
  db.getOrCreate(name);
  return { ok: 1 };
};

// MongoDB 7 answers ok for dropping a collection that does not exist.
const drop: Handler = (cmd, ctx) => {
  const coll = findCollection(cmd, ctx);
  const ns = `${ctx.dbName}.${targetName(cmd)}`;
  if (!coll) return { ok: 1 };
  ctx.store.db(ctx.dbName).collections.delete(coll.name);
  return { nIndexesWas: coll.indexes.size, ns, ok: 1 };
};

const describe = (coll: Collection): Doc => ({
  name: coll.name,
  type: 'collection',
  options: coll.options,
  info: { readOnly: false },
  idIndex: ID_INDEX,
});

const listCollections: Handler = (cmd, ctx) => {
  const filter = new Query(asDoc(cmd.filter), compiledQueryOptions());
  const collections = [...ctx.store.db(ctx.dbName).collections.values()]
    .map(describe)
    .filter((c) => filter.test(c));
  const batch = cmd.nameOnly
    ? collections.map((c) => ({ name: c.name, type: c.type }))
    : collections;
  return ctx.cursors.first(
    `${ctx.dbName}.$cmd.listCollections`,
    batch,
    asDoc(cmd.cursor).batchSize as number | undefined,
  );
};

const dbStats: Handler = (_cmd, ctx) => {
  const colls = [...ctx.store.db(ctx.dbName).collections.values()];
  return {
    db: ctx.dbName,
    collections: colls.length,
    objects: colls.reduce((n, c) => n + c.size, 0),
    ok: 1,
  };
};

export const adminCommands: Record<string, Handler> = {
  listdatabases: listDatabases,
  dropdatabase: dropDatabase,
  create,
  drop,
  listcollections: listCollections,
  dbstats: dbStats,
};

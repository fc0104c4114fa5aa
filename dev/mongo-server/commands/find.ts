import { badValue, type Doc } from '../errors';
import { checkHint } from '../options';
import { runFind } from '../query';
import { toNumber } from '../cursors';
import { asDoc, asNumber, findCollection, targetName, type Handler } from './context';

const find: Handler = (cmd, ctx) => {
  const coll = findCollection(cmd, ctx);
  checkHint(cmd.hint, coll);
  const ns = `${ctx.dbName}.${targetName(cmd)}`;
  const limit = asNumber(cmd.limit) ?? 0;
  const docs = coll
    ? runFind(
        coll.find(asDoc(cmd.filter)),
        {
          sort: cmd.sort as Doc | undefined,
          skip: asNumber(cmd.skip),
          limit,
          projection: cmd.projection as Doc | undefined,
        },
        ctx.ties,
      )
    : [];
  // A negative limit is the legacy spelling of "one batch of at most |limit| documents".
  const singleBatch = cmd.singleBatch === true || limit < 0;
  return ctx.cursors.first(ns, docs, asNumber(cmd.batchSize), singleBatch);
};

const getMore: Handler = (cmd, ctx) => {
  const id = toNumber(cmd.getMore);
  if (Number.isNaN(id)) throw badValue('getMore expects a cursor id');
  const ns = `${ctx.dbName}.${String(cmd.collection)}`;
  return ctx.cursors.more(id, ns, asNumber(cmd.batchSize));
};

const killCursors: Handler = (cmd, ctx) => {
  const ids = Array.isArray(cmd.cursors) ? cmd.cursors.map(toNumber) : [];
  return ctx.cursors.kill(ids);
};

export const findCommands: Record<string, Handler> = {
  find,
  getmore: getMore,
  killcursors: killCursors,
};

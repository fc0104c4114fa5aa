import { badValue, CommandError, errorReply, type Doc } from '../errors';
import { checkHint } from '../options';
import { checkInsertSize, checkUpdatedSize, checkUpsertSize } from '../limits';
import { withId, type Collection } from '../store';
import { applyUpdate, checkUpdate, upsertDocument } from '../updates';
import { asDoc, findCollection, writableCollection, type Handler } from './context';

interface WriteResult {
  n: number;
  writeErrors: Doc[];
}

/** Runs each statement; a failed one becomes a writeError, and ordered writes stop there. */
function eachStatement(
  cmd: Doc,
  field: string,
  apply: (stmt: Doc, index: number) => number,
): WriteResult {
  const statements = cmd[field];
  if (!Array.isArray(statements)) throw badValue(`'${field}' must be an array`);
  const ordered = cmd.ordered !== false;
  const result: WriteResult = { n: 0, writeErrors: [] };
  for (const [index, stmt] of statements.entries()) {
    try {
      result.n += apply(asDoc(stmt), index);
    } catch (err) {
      const { ok: _ok, codeName: _codeName, ...details } = errorReply(err);
      result.writeErrors.push({ index, ...details });
      if (ordered) break;
    }
  }
  return result;
}

function reply(result: WriteResult, extra: Doc = {}): Doc {
  const out: Doc = { n: result.n, ...extra };
  if (result.writeErrors.length) out.writeErrors = result.writeErrors;
  return { ...out, ok: 1 };
}

const insert: Handler = (cmd, ctx) => {
  const coll = writableCollection(cmd, ctx);
  return reply(
    eachStatement(cmd, 'documents', (input) => {
      const doc = withId(input);
      checkInsertSize(doc);
      coll.insert(doc);
      return 1;
    }),
  );
};

function updateStatement(
  coll: Collection,
  stmt: Doc,
  index: number,
  upserted: Doc[],
  modified: { n: number },
): number {
  const filter = asDoc(stmt.q);
  const update = stmt.u;
  checkUpdate(update);
  checkHint(stmt.hint, coll);
  const arrayFilters = Array.isArray(stmt.arrayFilters) ? (stmt.arrayFilters as Doc[]) : undefined;
  const found = coll.find(filter);
  const targets = stmt.multi ? found : found.slice(0, 1);
  if (targets.length === 0 && stmt.upsert) {
    const built = upsertDocument(filter, update, arrayFilters);
    checkUpsertSize(built);
    const doc = coll.insert(built);
    upserted.push({ index, _id: doc._id });
    return 1;
  }
  for (const target of targets) {
    const next = applyUpdate(target, update, filter, arrayFilters);
    if (next) {
      checkUpdatedSize(next);
      coll.replace(target, next, true);
      modified.n++;
    }
  }
  return targets.length;
}

const update: Handler = (cmd, ctx) => {
  const coll = writableCollection(cmd, ctx);
  const upserted: Doc[] = [];
  const modified = { n: 0 };
  const result = eachStatement(cmd, 'updates', (stmt, index) =>
    updateStatement(coll, stmt, index, upserted, modified),
  );
  return reply(
    result,
    upserted.length ? { nModified: modified.n, upserted } : { nModified: modified.n },
  );
};

const del: Handler = (cmd, ctx) => {
  const coll = findCollection(cmd, ctx);
  return reply(
    eachStatement(cmd, 'deletes', (stmt) => {
      if (stmt.limit !== 0 && stmt.limit !== 1)
        throw new CommandError(9, 'FailedToParse', 'delete limit must be 0 or 1');
      if (!coll) return 0;
      checkHint(stmt.hint, coll);
      const found = coll.find(asDoc(stmt.q));
      const targets = stmt.limit === 1 ? found.slice(0, 1) : found;
      for (const doc of targets) coll.remove(doc);
      return targets.length;
    }),
  );
};

export const writeCommands: Record<string, Handler> = { insert, update, delete: del };

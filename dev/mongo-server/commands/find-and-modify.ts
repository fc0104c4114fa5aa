import { badValue, type Doc } from '../errors';
import { checkUpdatedSize, checkUpsertSize } from '../limits';
import { checkHint } from '../options';
import { project } from '../query';
import { applyUpdate, checkUpdate, upsertDocument, type UpdateSpec } from '../updates';
import { sortDocs } from '../values';
import { asDoc, writableCollection, type Handler } from './context';

function answer(value: Doc | null, fields: Doc | undefined, lastErrorObject: Doc): Doc {
  return { lastErrorObject, value: value ? (project([value], fields)[0] ?? null) : null, ok: 1 };
}

const findAndModify: Handler = (cmd, ctx) => {
  const coll = writableCollection(cmd, ctx);
  checkHint(cmd.hint, coll);
  const filter = asDoc(cmd.query);
  const fields = cmd.fields as Doc | undefined;
  const target = sortDocs(coll.find(filter), cmd.sort as Doc | undefined, ctx.ties)[0];

  if (cmd.remove) {
    if (cmd.update !== undefined) throw badValue('Cannot specify both an update and remove=true');
    if (target) coll.remove(target);
    return answer(target ?? null, fields, { n: target ? 1 : 0 });
  }

  const update = cmd.update as UpdateSpec | undefined;
  if (typeof update !== 'object' || update === null)
    throw badValue('Either an update or remove=true must be specified');
  checkUpdate(update);
  const arrayFilters = Array.isArray(cmd.arrayFilters) ? (cmd.arrayFilters as Doc[]) : undefined;

  if (target) {
    const next = applyUpdate(target, update, filter, arrayFilters);
    if (next) checkUpdatedSize(next);
    const stored = next ? coll.replace(target, next, true) : target;
    return answer(cmd.new ? stored : target, fields, { n: 1, updatedExisting: true });
  }
  if (cmd.upsert) {
    const built = upsertDocument(filter, update, arrayFilters);
    checkUpsertSize(built);
    const doc = coll.insert(built);
    return answer(cmd.new ? doc : null, fields, {
      n: 1,
      updatedExisting: false,
      upserted: doc._id,
    });
  }
  return answer(null, fields, { n: 0, updatedExisting: false });
};

export const findAndModifyCommands: Record<string, Handler> = { findandmodify: findAndModify };

import { updateOne, type PipelineStage } from 'mingo/updater';
import { badValue, CommandError, type Doc } from './errors';
import { updaterOptions } from './mingo/context';
import { clone, isPlainObject, keyString, setPath } from './values';
import { withId } from './store';
import { checkUpdatePaths } from './update-paths';

export type UpdateSpec = Doc | Doc[];

/** Checks an update before any document is read, as mongod parses it up front. */
export function checkUpdate(update: unknown): asserts update is UpdateSpec {
  if (typeof update !== 'object' || update === null)
    throw badValue("'u' must be an object or pipeline");
  if (!isPipeline(update as UpdateSpec) && !isReplacement(update as UpdateSpec))
    checkUpdatePaths(update as Doc);
}

const isPipeline = (u: UpdateSpec): u is Doc[] => Array.isArray(u);
export const isReplacement = (u: UpdateSpec): boolean =>
  !isPipeline(u) && !Object.keys(u).some((k) => k.startsWith('$'));

function run(
  doc: Doc,
  modifier: Doc | Doc[],
  condition: Doc,
  arrayFilters: Doc[] | undefined,
): Doc {
  const docs = [doc];
  // The caller matched `doc` already: the condition only serves the positional `$` operator.
  const positional = !isPipeline(modifier) && usesPositional(modifier);
  const needsExpressions =
    isPipeline(modifier) ||
    hasExpr(modifier) ||
    hasExpr(arrayFilters) ||
    (positional && hasExpr(condition));
  // mingo checks operator names itself and throws on unknown ones.
  updateOne(
    docs,
    positional ? condition : {},
    modifier as PipelineStage[],
    { arrayFilters, cloneMode: 'deep' },
    updaterOptions(needsExpressions),
  );
  return docs[0] as Doc;
}

/** Whether an operator update names a path with a `$` segment (`a.$`, `a.$[]`, `a.$[x]`). */
function usesPositional(ops: Doc): boolean {
  for (const fields of Object.values(ops)) {
    if (!isPlainObject(fields)) continue;
    for (const [path, value] of Object.entries(fields)) {
      if (path.includes('$')) return true;
      if (typeof value === 'string' && value.includes('$')) return true; // $rename targets
    }
  }
  return false;
}

/** Whether `$expr` appears anywhere in a filter, update or array filter. */
function hasExpr(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasExpr);
  if (!isPlainObject(v)) return false;
  for (const [k, x] of Object.entries(v)) if (k === '$expr' || hasExpr(x)) return true;
  return false;
}

/**
 * The updated copy of `current`, or null when nothing changed. `filter` lets the positional `$`
 * operator find the matched array element; $setOnInsert only applies to upserts, so it is dropped.
 */
export function applyUpdate(
  current: Doc,
  update: UpdateSpec,
  filter: Doc,
  arrayFilters?: Doc[],
): Doc | null {
  let next: Doc;
  if (isReplacement(update)) {
    next = { _id: current._id, ...clone(update as Doc) };
  } else if (isPipeline(update)) {
    next = run(clone(current), update, {}, arrayFilters);
  } else {
    const { $setOnInsert: _ignored, ...ops } = update;
    refuseIdChange(ops, current._id);
    next = Object.keys(ops).length
      ? run(clone(current), ops, filter, arrayFilters)
      : clone(current);
  }
  return keyString(next) === keyString(current) ? null : next;
}

/** `$set: { _id: <same value> }` is allowed (and dropped, mingo refuses it); any other _id change is not. */
function refuseIdChange(ops: Doc, id: unknown): void {
  for (const [op, fields] of Object.entries(ops)) {
    if (!isPlainObject(fields)) continue;
    if (op === '$set' && '_id' in fields && keyString(fields._id) === keyString(id))
      delete fields._id;
    if (Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))) {
      throw new CommandError(
        66,
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
  }
}

/** Builds the document an upsert inserts: the filter's equality fields, then the update applied. */
export function upsertDocument(filter: Doc, update: UpdateSpec, arrayFilters?: Doc[]): Doc {
  const seed: Doc = {};
  equalityFields(filter, seed);
  if (isReplacement(update)) {
    const replacement = clone(update as Doc);
    return withId(
      seed._id !== undefined && replacement._id === undefined
        ? { _id: seed._id, ...replacement }
        : replacement,
    );
  }
  if (isPipeline(update)) return withId(run(seed, update, {}, arrayFilters));
  const { $setOnInsert, ...ops } = update;
  if ($setOnInsert !== undefined && !isPlainObject($setOnInsert))
    throw badValue('$setOnInsert expects an object');
  const merged: Doc = { ...ops };
  if ($setOnInsert) merged.$set = { ...(ops.$set as Doc | undefined), ...$setOnInsert };
  return withId(Object.keys(merged).length ? run(seed, merged, {}, arrayFilters) : seed);
}

function equalityFields(filter: Doc, out: Doc): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) equalityFields(part, out);
    } else if (key.startsWith('$')) {
      continue;
    } else if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if ('$eq' in value) setPath(out, key, clone(value.$eq));
    } else {
      setPath(out, key, clone(value));
    }
  }
}

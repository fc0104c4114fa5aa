import { Aggregator } from 'mingo/aggregator';
import { badValue, CommandError, notSupported, type Doc } from '../errors';
import { checkHint } from '../options';
import { aggregateOptions } from '../mingo/context';
import { clone, compareValues, getPath, isPlainObject, keyString } from '../values';
import { asDoc, asNumber, findCollection, type CommandContext, type Handler } from './context';
import { explainReply } from './explain';

const aggregate: Handler = (cmd, ctx) => {
  if (!Array.isArray(cmd.pipeline)) throw badValue("'pipeline' must be an array");
  if (!cmd.explain && !isPlainObject(cmd.cursor))
    throw new CommandError(
      9,
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  const pipeline = cmd.pipeline as Doc[];
  const unsupported = pipeline.find((stage) => '$out' in stage || '$merge' in stage);
  if (unsupported)
    throw notSupported(
      `${Object.keys(unsupported)[0]} is not supported by the in-memory test server`,
    );
  const joined = concisePipelineLookup(pipeline);
  if (joined)
    throw notSupported(
      `$lookup with localField/foreignField and a pipeline (from "${joined}") is not supported by the in-memory test server: mingo runs that pipeline over the whole collection; use let and $expr`,
    );
  // Drivers send `aggregate(..., { explain: true })` as the aggregate command's own flag.
  if (cmd.explain) return explainReply(cmd, ctx, 'queryPlanner');
  const coll = typeof cmd.aggregate === 'string' ? findCollection(cmd, ctx) : undefined;
  checkHint(cmd.hint, coll);
  const ns = `${ctx.dbName}.${typeof cmd.aggregate === 'string' ? cmd.aggregate : '$cmd.aggregate'}`;
  const agg = new Aggregator(
    pipeline,
    aggregateOptions(ctx.ties, { collectionResolver: resolver(ctx) }),
  );
  // A leading $match reads through the index maps, as find does (the $match still decides).
  const leading = asDoc(asDoc(pipeline[0]).$match);
  const input = coll ? (Object.keys(leading).length ? coll.candidates(leading) : coll.all()) : [];
  const results = agg.run(input) as Doc[];
  return ctx.cursors.first(ns, results, asNumber(asDoc(cmd.cursor).batchSize));
};

/** The `from` of a $lookup (at any depth) that joins on fields and also runs a pipeline. */
function concisePipelineLookup(stages: unknown): string | null {
  if (!Array.isArray(stages)) return null;
  for (const stage of stages as Doc[]) {
    if (!isPlainObject(stage)) continue;
    const lookup = stage.$lookup;
    if (isPlainObject(lookup)) {
      if ('localField' in lookup && Array.isArray(lookup.pipeline) && lookup.pipeline.length)
        return String(lookup.from);
      const inner = concisePipelineLookup(lookup.pipeline);
      if (inner) return inner;
    }
    const facet = stage.$facet;
    if (isPlainObject(facet)) {
      for (const branch of Object.values(facet)) {
        const inner = concisePipelineLookup(branch);
        if (inner) return inner;
      }
    }
  }
  return null;
}

/** $lookup reads other collections of the same database; copies keep stored documents safe. */
const resolver = (ctx: CommandContext) => (name: string) =>
  clone(ctx.store.db(ctx.dbName).get(name)?.all() ?? []);

const count: Handler = (cmd, ctx) => {
  const coll = findCollection(cmd, ctx);
  checkHint(cmd.hint, coll);
  let n = coll ? coll.find(asDoc(cmd.query)).length : 0;
  n = Math.max(0, n - (asNumber(cmd.skip) ?? 0));
  const limit = Math.abs(asNumber(cmd.limit) ?? 0);
  return { n: limit ? Math.min(n, limit) : n, ok: 1 };
};

const distinct: Handler = (cmd, ctx) => {
  if (typeof cmd.key !== 'string') throw badValue("'key' must be a string");
  const key = cmd.key;
  const coll = findCollection(cmd, ctx);
  checkHint(cmd.hint, coll);
  const seen = new Map<string, unknown>();
  for (const doc of coll ? coll.find(asDoc(cmd.query)) : []) {
    const value = getPath(doc, key);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && !seen.has(keyString(v))) seen.set(keyString(v), v);
    }
  }
  return { values: [...seen.values()].sort(compareValues), ok: 1 };
};

export const aggregateCommands: Record<string, Handler> = { aggregate, count, distinct };

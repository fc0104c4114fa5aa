import { notSupported, type Doc } from '../errors';
import type { Collection } from '../store';
import { asDoc, findCollection, targetName, type CommandContext, type Handler } from './context';

/** The filter a command reads its collection through: a find's filter, a pipeline's leading $match. */
export function leadingFilter(cmd: Doc): Doc {
  const name = (Object.keys(cmd)[0] ?? '').toLowerCase();
  if (name === 'find') return asDoc(cmd.filter);
  if (name === 'count' || name === 'distinct') return asDoc(cmd.query);
  if (name === 'aggregate') {
    const first = Array.isArray(cmd.pipeline) ? asDoc(cmd.pipeline[0]) : {};
    return asDoc(first.$match);
  }
  throw notSupported(`explain of ${name} is not supported by the in-memory test server`);
}

/**
 * A minimal explain: only `queryPlanner.winningPlan`, FETCH over an IXSCAN of the index whose
 * in-memory map selects the candidate documents, else a COLLSCAN. No executionStats: the test
 * server has no plan cache or costs, and its choice (equality prefixes only) is simpler than
 * mongod's, so read it as "this filter can be served by that index", not as mongod's plan.
 */
export function explainReply(inner: Doc, ctx: CommandContext, verbosity: unknown): Doc {
  const filter = leadingFilter(inner);
  const coll: Collection | undefined = findCollection(inner, ctx);
  const plan = coll?.plan(filter) ?? null;
  const winningPlan = plan
    ? {
        stage: 'FETCH',
        inputStage: { stage: 'IXSCAN', indexName: plan.indexName, keyPattern: plan.keyPattern },
      }
    : { stage: 'COLLSCAN', filter };
  return {
    explainVersion: '1',
    queryPlanner: {
      namespace: `${ctx.dbName}.${targetName(inner)}`,
      parsedQuery: filter,
      winningPlan,
      rejectedPlans: [],
    },
    command: inner,
    verbosity: typeof verbosity === 'string' ? verbosity : 'queryPlanner',
    ok: 1,
  };
}

/** `{ explain: { find | aggregate | count | distinct ... }, verbosity }`, as mongosh sends it. */
const explain: Handler = (cmd, ctx) => explainReply(asDoc(cmd.explain), ctx, cmd.verbosity);

export const explainCommands: Record<string, Handler> = { explain };

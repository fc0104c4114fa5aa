import { Context, ProcessingMode } from 'mingo/core';
import * as accumulators from 'mingo/operators/accumulator';
import * as expressions from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { notSupported } from '../errors';
import { $bucket } from './bucket';
import { $dateTrunc } from './date-trunc';
import { sortStages } from './sort';
import type { TieBreaker } from '../ties';
import { $medianAcc, $medianExpr, $percentileAcc, $percentileExpr } from './percentile';

// Our operators come first: a Context keeps the first registration of a name, and mingo 7.2's
// $percentile/$median (string sort), $dateTrunc (ignores timezone for days) and $bucket
// (boundary values land one bucket low) disagree with MongoDB.
// mingo would write $out/$merge into its own arrays, not into the store: refused wherever they are.
const unsupportedStage = (name: string) => () => {
  throw notSupported(`${name} is not supported by the in-memory test server`);
};

const build = (extraPipeline: Record<string, unknown> = {}) =>
  Context.init({
    accumulator: { $percentile: $percentileAcc, $median: $medianAcc },
    expression: { $percentile: $percentileExpr, $median: $medianExpr, $dateTrunc },
    pipeline: {
      $bucket,
      $out: unsupportedStage('$out'),
      $merge: unsupportedStage('$merge'),
      ...extraPipeline,
    } as never,
  })
    .addAccumulatorOps(accumulators)
    .addExpressionOps(expressions)
    .addPipelineOps(pipeline)
    .addProjectionOps(projection)
    .addQueryOps(query)
    .addWindowOps(window);

const context = build();

// Aggregation sorts scramble ties with each server's own tie breaker, so each gets a context.
const sortingContexts = new WeakMap<TieBreaker, Context>();
function sortingContext(ties: TieBreaker): Context {
  let ctx = sortingContexts.get(ties);
  if (!ctx) sortingContexts.set(ties, (ctx = build(sortStages(ties))));
  return ctx;
}

/**
 * Options for `new Query(...)` that skip mingo's per-call setup. Given plain options, every
 * Query, $elemMatch and projection copies all operator tables of the context (`Context.from`),
 * which dominated the cost of a find. Given one of mingo's own ComputeOptions instances, a Query
 * only copies its locals ("If an instance of ComputeOptions is provided, its internal options and
 * locals are used"). The class is not exported, so one instance is taken from the options a query
 * operator receives while a throwaway Query compiles, and its class builds ours once.
 */
function buildCompiledOptions(): Partial<Options> {
  let captured: object | undefined;
  const probe = Context.init({
    query: {
      $captureOptions: (_selector: string, _value: unknown, options: Options) => {
        captured = options;
        return () => true;
      },
    },
  });
  new Query({ x: { $captureOptions: 1 } }, { context: probe });
  const ComputeOptions = (captured as { constructor?: unknown } | undefined)?.constructor as
    { init?: (o: Partial<Options>) => Partial<Options> } | undefined;
  // Should a future mingo stop passing its ComputeOptions along, plain options still work.
  return typeof ComputeOptions?.init === 'function'
    ? ComputeOptions.init({ context })
    : { context };
}

let compiled: Partial<Options> | undefined;

/** Shared options for Query objects: same operators as queryOptions(), built once. */
export function compiledQueryOptions(): Partial<Options> {
  return (compiled ??= buildCompiledOptions());
}

// mingo's updater copies the operator tables of the context it is given on every call, then adds
// the query and a few expression operators (its own defaults). Operator updates only reach
// operators through queries (positional and array filters, $pull conditions), so unless one holds
// $expr they get a context with just the query operators, which is much cheaper to copy.
const queryOnlyContext = Context.init().addQueryOps(query);

export function updaterOptions(needsExpressions: boolean): Partial<Options> {
  return { context: needsExpressions ? context : queryOnlyContext };
}

export function queryOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { context, ...extra };
}

/** Aggregation never mutates stored documents: inputs are cloned before stages run. */
export function aggregateOptions(ties: TieBreaker, extra: Partial<Options> = {}): Partial<Options> {
  return { context: sortingContext(ties), processingMode: ProcessingMode.CLONE_INPUT, ...extra };
}

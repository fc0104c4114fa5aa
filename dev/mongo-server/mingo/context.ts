import { Context, ProcessingMode } from 'mingo/core';
import * as accumulators from 'mingo/operators/accumulator';
import * as expressions from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { $bucket } from './bucket';
import { $dateTrunc } from './date-trunc';
import { $medianAcc, $medianExpr, $percentileAcc, $percentileExpr } from './percentile';

// Our operators come first: a Context keeps the first registration of a name, and mingo 7.2's
// $percentile/$median (string sort), $dateTrunc (ignores timezone for days) and $bucket
// (boundary values land one bucket low) disagree with MongoDB.
const context = Context.init({
  accumulator: { $percentile: $percentileAcc, $median: $medianAcc },
  expression: { $percentile: $percentileExpr, $median: $medianExpr, $dateTrunc },
  pipeline: { $bucket },
})
  .addAccumulatorOps(accumulators)
  .addExpressionOps(expressions)
  .addPipelineOps(pipeline)
  .addProjectionOps(projection)
  .addQueryOps(query)
  .addWindowOps(window);

export function queryOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { context, ...extra };
}

/** Aggregation never mutates stored documents: inputs are cloned before stages run. */
export function aggregateOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { context, processingMode: ProcessingMode.CLONE_INPUT, ...extra };
}

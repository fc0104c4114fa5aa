import { $group } from 'mingo/operators/pipeline';
import { Lazy, type Iterator } from 'mingo/lazy';
import type { Any, AnyObject, Options } from 'mingo/types';
import type { Doc } from '../errors';
import type { TieBreaker } from '../ties';
import { isPlainObject, sortDocs } from '../values';

type Stage = (coll: Iterator, expr: Any, options: Options) => Iterator;

/**
 * $sort and $sortByCount with mongod's comparison order (arrays by their smallest or largest
 * element, null and missing equal) and ties in the tie breaker's order. mingo's own $sort keeps
 * ties in input order and compares arrays as wholes.
 */
export function sortStages(ties: TieBreaker): { $sort: Stage; $sortByCount: Stage } {
  const $sort: Stage = (coll, expr) => {
    if (!isPlainObject(expr) || Object.keys(expr).length === 0)
      throw new Error('$sort stage must have at least one sort key');
    return Lazy(sortDocs(coll.collect<Doc>(), expr, ties) as AnyObject[]);
  };
  const $sortByCount: Stage = (coll, expr, options) =>
    $sort($group(coll, { _id: expr, count: { $sum: 1 } }, options), { count: -1 }, options);
  return { $sort, $sortByCount };
}

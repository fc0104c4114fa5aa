import { evalExpr } from 'mingo/core';
import { Lazy, type Iterator } from 'mingo/lazy';
import type { Any, AnyObject, Options } from 'mingo/types';
import { compare, typeOf } from 'mingo/util';

interface BucketSpec {
  groupBy: Any;
  boundaries: Any[];
  default?: Any;
  output?: AnyObject;
}

/** mingo 7.2 files a value equal to an inner boundary into the bucket below it; lower bounds are inclusive. */
export function $bucket(coll: Iterator, expr: Any, options: Options): Iterator {
  const spec = expr as BucketSpec;
  const bounds = spec.boundaries;
  if (!Array.isArray(bounds) || bounds.length < 2)
    throw new Error('$bucket: must specify at least two boundaries.');
  const output = spec.output ?? { count: { $sum: 1 } };
  const hasDefault = spec.default !== undefined;
  const buckets = new Map<number, AnyObject[]>();
  const others: AnyObject[] = [];
  coll.each((doc) => {
    const key = evalExpr(doc as AnyObject, spec.groupBy, options);
    let slot = -1;
    if (typeOf(key) === typeOf(bounds[0])) {
      for (let i = 0; i < bounds.length - 1; i++)
        if (compare(key, bounds[i]) >= 0 && compare(key, bounds[i + 1]) < 0) slot = i;
    }
    if (slot < 0) {
      if (!hasDefault)
        throw new Error("$bucket requires a 'default' for values outside the boundaries");
      others.push(doc as AnyObject);
    } else {
      buckets.set(slot, [...(buckets.get(slot) ?? []), doc as AnyObject]);
    }
  });
  const results: AnyObject[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const docs = buckets.get(i);
    if (docs) results.push({ _id: bounds[i], ...(evalExpr(docs, output, options) as AnyObject) });
  }
  if (others.length)
    results.push({ _id: spec.default, ...(evalExpr(others, output, options) as AnyObject) });
  return Lazy(results);
}

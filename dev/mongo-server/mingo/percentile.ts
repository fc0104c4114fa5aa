import { evalExpr } from 'mingo/core';
import type { Any, AnyObject, Options } from 'mingo/types';

interface PercentileSpec {
  input: Any;
  p: Any;
  method?: string;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

/** MongoDB answers 'approximate' with exact values of the input for data sets this small. */
function percentiles(
  values: number[],
  ps: number[],
  method: string | undefined,
): Array<number | null> {
  const xs = [...values].sort((a, b) => a - b);
  return ps.map((p) => {
    if (!isNum(p) || p < 0 || p > 1)
      throw new Error("$percentile 'p' must be numbers between 0.0 and 1.0");
    if (xs.length === 0) return null;
    if (method === 'continuous') {
      const r = p * (xs.length - 1);
      const lo = Math.floor(r);
      const a = xs[lo] as number;
      const b = xs[Math.min(lo + 1, xs.length - 1)] as number;
      return a + (r - lo) * (b - a);
    }
    return xs[Math.max(0, Math.ceil(p * xs.length) - 1)] as number;
  });
}

function spec(expr: Any): PercentileSpec {
  if (typeof expr !== 'object' || expr === null || !('input' in expr))
    throw new Error('$percentile expects { input, p, method }');
  return expr as PercentileSpec;
}

const evalPs = (s: PercentileSpec, options: Options): number[] => {
  const ps = evalExpr({}, s.p, options);
  if (!Array.isArray(ps)) throw new Error("$percentile 'p' must be an array");
  return ps as number[];
};

export function $percentileAcc(collection: AnyObject[], expr: Any, options: Options): Any {
  const s = spec(expr);
  const values = collection.map((doc) => evalExpr(doc, s.input, options)).filter(isNum);
  return percentiles(values, evalPs(s, options), s.method);
}

export function $medianAcc(collection: AnyObject[], expr: Any, options: Options): Any {
  return ($percentileAcc(collection, { ...spec(expr), p: [0.5] }, options) as Any[])[0] ?? null;
}

export function $percentileExpr(obj: AnyObject, expr: Any, options: Options): Any {
  const s = spec(expr);
  const input = evalExpr(obj, s.input, options);
  const values = (Array.isArray(input) ? input : [input]).filter(isNum);
  return percentiles(values, evalPs(s, options), s.method);
}

export function $medianExpr(obj: AnyObject, expr: Any, options: Options): Any {
  return ($percentileExpr(obj, { ...spec(expr), p: [0.5] }, options) as Any[])[0] ?? null;
}

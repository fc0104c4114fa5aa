import { z } from 'zod';
import {
  type Condition,
  compare,
  compileSafePattern,
  hasRiskyRepetition,
  isIsoDateString,
  MAX_PATTERN_LENGTH,
  type Op,
  OPS,
} from './conditions';

/** Groups inside groups, counting the predicate: `{ all: [{ field, op, value }] }` is 2. */
export const MAX_CONDITION_DEPTH = 10;

/**
 * How deep the all/any groups of a raw condition nest, counted without recursion (a 700-deep
 * body must not overflow the stack), stopping as soon as it passes `limit`.
 */
export function conditionDepth(raw: unknown, limit = MAX_CONDITION_DEPTH): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[raw, 1]];
  while (pending.length) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const key of ['all', 'any'] as const) {
      const children = (node as Record<string, unknown>)[key];
      if (Object.hasOwn(node, key) && Array.isArray(children)) {
        for (const child of children) pending.push([child, depth + 1]);
      }
    }
  }
  return deepest;
}

/**
 * One loose object per node rather than a union of three shapes, so a mistake is reported at
 * its own path ("conditions.all.1.op") instead of as one "invalid union" at the top. The depth
 * is checked first, so zod never recurses into a condition nested too deep.
 */
export function conditionSchema(allowedFields?: (field: string) => boolean): z.ZodType<Condition> {
  return z
    .unknown()
    .superRefine((raw, ctx) => {
      if (conditionDepth(raw) > MAX_CONDITION_DEPTH) {
        ctx.addIssue({
          code: 'custom',
          message: `nests all/any groups too deep: at most ${MAX_CONDITION_DEPTH} levels`,
        });
      }
    })
    .pipe(conditionNode(allowedFields))
    .meta({
      type: 'object',
      description:
        'A predicate { field, op, value }, or a group { all: [...] } / { any: [...] } of them',
      example: { all: [{ field: 'score', op: 'lte', value: 6 }] },
    });
}

function conditionNode(allowedFields?: (field: string) => boolean): z.ZodType<Condition> {
  const field = z
    .string()
    .min(1, 'must not be empty')
    .superRefine((name, ctx) => {
      if (name && allowedFields && !allowedFields(name)) {
        ctx.addIssue({ code: 'custom', message: `unknown field "${name}"` });
      }
    });
  const node: z.ZodType<Condition> = z.lazy(() =>
    z
      .object({
        all: z.array(node).optional(),
        any: z.array(node).optional(),
        field: field.optional(),
        op: z.enum(OPS).optional(),
        value: z.unknown().optional(),
      })
      .strict()
      .superRefine((raw, ctx) => {
        for (const problem of shapeProblems(raw)) ctx.addIssue({ code: 'custom', ...problem });
      })
      .transform(toCondition),
  );
  return node;
}

export const condition = conditionSchema();

interface RawNode {
  all?: Condition[];
  any?: Condition[];
  field?: string;
  op?: Op;
  value?: unknown;
}

function shapeProblems(raw: RawNode): { message: string; path?: string[] }[] {
  const isGroup = raw.all !== undefined || raw.any !== undefined;
  const isPredicate = raw.field !== undefined || raw.op !== undefined || 'value' in raw;
  if (raw.all !== undefined && raw.any !== undefined) {
    return [{ message: 'a group has either "all" or "any", not both' }];
  }
  if (isGroup && isPredicate) {
    return [{ message: 'a group ("all" or "any") cannot also have field, op or value' }];
  }
  if (isGroup) return [];
  if (!isPredicate) {
    return [{ message: 'expected { all: [...] }, { any: [...] } or { field, op, value }' }];
  }
  const problems: { message: string; path: string[] }[] = [];
  if (raw.field === undefined) problems.push({ message: 'is required', path: ['field'] });
  if (raw.op === undefined) problems.push({ message: 'is required', path: ['op'] });
  else {
    const problem = valueProblem(raw.op, raw.value);
    if (problem) problems.push({ message: problem, path: ['value'] });
  }
  return problems;
}

/** What is wrong with `value` for `op`, or null. */
function valueProblem(op: Op, value: unknown): string | null {
  switch (op) {
    case 'eq':
    case 'neq':
    case 'contains':
      return isScalar(value) ? null : 'must be a string, number or boolean';
    case 'in':
    case 'nin':
      return Array.isArray(value) && value.every(isScalar)
        ? null
        : 'must be an array of strings, numbers or booleans';
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return isOrderable(value) ? null : 'must be a number or an ISO date';
    case 'between':
      return betweenProblem(value);
    case 'matches':
      return patternProblem(value);
    case 'exists':
      return typeof value === 'boolean' ? null : 'must be true or false';
  }
}

function betweenProblem(value: unknown): string | null {
  const message = 'must be [low, high], both numbers or both ISO dates';
  if (!Array.isArray(value) || value.length !== 2) return message;
  const [low, high] = value as [unknown, unknown];
  const bothNumbers = typeof low === 'number' && typeof high === 'number';
  const bothDates = isIsoDate(low) && isIsoDate(high);
  if (!(bothNumbers && Number.isFinite(low) && Number.isFinite(high)) && !bothDates) return message;
  return (compare(low, high) ?? 1) <= 0 ? null : 'low must not be greater than high';
}

function patternProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PATTERN_LENGTH) {
    return `must be a regular expression of 1 to ${MAX_PATTERN_LENGTH} characters`;
  }
  if (hasRiskyRepetition(value)) {
    return 'is refused: a repeated group that can match in several ways may take too long';
  }
  return compileSafePattern(value) ? null : 'is not a valid regular expression';
}

function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function isOrderable(value: unknown): boolean {
  return (typeof value === 'number' && Number.isFinite(value)) || isIsoDate(value);
}

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && isIsoDateString(value);
}

function toCondition(raw: RawNode): Condition {
  if (raw.all !== undefined) return { all: raw.all };
  if (raw.any !== undefined) return { any: raw.any };
  const predicate = { field: raw.field as string, op: raw.op as Op };
  return 'value' in raw ? { ...predicate, value: raw.value } : predicate;
}

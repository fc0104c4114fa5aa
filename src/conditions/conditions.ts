import { DateTime } from 'luxon';

/**
 * The predicate language shared by triggers (over interaction fields) and rules (over a response
 * and its segment): nestable all/any groups of { field, op, value }, field a dotted path.
 */
export const OPS = [
  'eq',
  'neq',
  'in',
  'nin',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'contains',
  'matches',
  'exists',
] as const;
export type Op = (typeof OPS)[number];

export interface Predicate {
  field: string;
  op: Op;
  value?: unknown;
}
export type Condition = { all: Condition[] } | { any: Condition[] } | Predicate;

export const MAX_PATTERN_LENGTH = 200;

/** Empty `all` is true, empty `any` is false. */
export function evaluateCondition(condition: Condition, facts: Record<string, unknown>): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, facts));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, facts));
  return evaluatePredicate(condition, facts);
}

/**
 * A missing field (absent or null) satisfies only `exists: false`, `neq` and `nin`: "region is
 * not FR" holds for a contact without a region.
 */
function evaluatePredicate({ field, op, value }: Predicate, facts: Record<string, unknown>) {
  const actual = readPath(facts, field);
  const present = actual !== undefined && actual !== null;
  if (op === 'exists') return present === (value !== false);
  if (!present) return op === 'neq' || op === 'nin';
  switch (op) {
    case 'eq':
      return same(actual, value);
    case 'neq':
      return !same(actual, value);
    case 'in':
      return isIn(actual, value);
    case 'nin':
      return !isIn(actual, value);
    case 'lt':
      return (compare(actual, value) ?? NaN) < 0;
    case 'lte':
      return (compare(actual, value) ?? NaN) <= 0;
    case 'gt':
      return (compare(actual, value) ?? NaN) > 0;
    case 'gte':
      return (compare(actual, value) ?? NaN) >= 0;
    case 'between':
      return isBetween(actual, value);
    case 'contains':
      return contains(actual, value);
    case 'matches':
      return matches(actual, value);
  }
}

/** Own properties only, so "constructor" or "__proto__" never reach the prototype. */
export function readPath(facts: Record<string, unknown>, path: string): unknown {
  let current: unknown = facts;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || compare(a, b) === 0;
}

/** An array fact (tags) is "in" a list when any of its items is. */
function isIn(actual: unknown, list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  const items = Array.isArray(actual) ? actual : [actual];
  return items.some((item) => list.some((candidate) => same(item, candidate)));
}

function isBetween(actual: unknown, range: unknown): boolean {
  if (!Array.isArray(range) || range.length !== 2) return false;
  const [low, high] = range as [unknown, unknown];
  return (compare(actual, low) ?? NaN) >= 0 && (compare(actual, high) ?? NaN) <= 0;
}

function contains(actual: unknown, needle: unknown): boolean {
  if (Array.isArray(actual)) {
    return actual.some((item) =>
      typeof item === 'string' && typeof needle === 'string'
        ? fold(item) === fold(needle)
        : same(item, needle),
    );
  }
  if (typeof actual !== 'string' || !isScalar(needle)) return false;
  return fold(actual).includes(fold(String(needle)));
}

function matches(actual: unknown, pattern: unknown): boolean {
  if (typeof pattern !== 'string' || !isScalar(actual)) return false;
  const regex = compileSafePattern(pattern);
  return regex !== null && regex.test(String(actual));
}

/**
 * Orders two values as numbers (a number against a number or a numeric string, since attributes
 * often arrive as strings) or as instants (Dates and ISO date strings); null when they are not
 * comparable.
 */
export function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    return x === null || y === null ? null : Math.sign(x - y);
  }
  const x = toTime(a);
  const y = toTime(b);
  return x === null || y === null ? null : Math.sign(x - y);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function toTime(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  return typeof value === 'string' && isIsoDateString(value) ? isoToTime(value) : null;
}

/** YYYY-MM-DD, optionally with a time; a time without offset is read as UTC, never server time. */
export function isIsoDateString(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(?:T|$)/.test(text) && isoToTime(text) !== null;
}

function isoToTime(text: string): number | null {
  const parsed = DateTime.fromISO(text, { zone: 'utc' });
  return parsed.isValid ? parsed.toMillis() : null;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Case- and accent-insensitive: "Arrêt" and "arret" fold alike. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const compiledPatterns = new Map<string, RegExp | null>();

/** Case-insensitive regex, or null when the pattern is too long, invalid or risks ReDoS. */
export function compileSafePattern(pattern: string): RegExp | null {
  const cached = compiledPatterns.get(pattern);
  if (cached !== undefined) return cached;
  let regex: RegExp | null = null;
  if (pattern.length <= MAX_PATTERN_LENGTH && !hasRiskyRepetition(pattern)) {
    try {
      regex = new RegExp(pattern, 'i');
    } catch {
      regex = null;
    }
  }
  if (compiledPatterns.size < 1000) compiledPatterns.set(pattern, regex);
  return regex;
}

/**
 * Catastrophic backtracking needs a repeated group whose body can itself match in several ways:
 * (a+)+, (a*b?)*, (a|ab)+, or a back-reference. Such patterns are refused outright; flat ones
 * like ^refund.*late$ are fine.
 */
export function hasRiskyRepetition(pattern: string): boolean {
  const groups = [{ varies: false }];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    const top = groups[groups.length - 1];
    if (!top) return true;
    if (ch === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return true;
      i += 2;
    } else if (ch === '[') {
      i = endOfClass(pattern, i) + 1;
    } else if (ch === '(') {
      groups.push({ varies: false });
      i = skipGroupPrefix(pattern, i + 1);
    } else if (ch === ')') {
      const group = groups.pop();
      const quantifier = quantifierAt(pattern, i + 1);
      if (!group || groups.length === 0) return true;
      if (quantifier.repeats && group.varies) return true;
      const parent = groups[groups.length - 1];
      if (parent) parent.varies ||= group.varies || quantifier.varies;
      i += 1 + quantifier.length;
    } else {
      const quantifier = quantifierAt(pattern, i);
      if (ch === '|' || quantifier.varies) top.varies = true;
      i += Math.max(1, quantifier.length);
    }
  }
  return false;
}

function endOfClass(pattern: string, start: number): number {
  let i = start + 1;
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
  return i;
}

function skipGroupPrefix(pattern: string, i: number): number {
  if (pattern[i] !== '?') return i;
  const named = /^\?<[A-Za-z_$][\w$]*>/.exec(pattern.slice(i));
  if (named) return i + named[0].length;
  const prefix = /^\?(?::|=|!|<=|<!)/.exec(pattern.slice(i));
  return prefix ? i + prefix[0].length : i;
}

/** The quantifier starting at i, if any: whether it repeats, and whether its count may vary. */
function quantifierAt(
  pattern: string,
  i: number,
): { length: number; repeats: boolean; varies: boolean } {
  const match = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/.exec(pattern.slice(i));
  if (!match) return { length: 0, repeats: false, varies: false };
  const [text, min, comma, max] = match;
  const bounded = min !== undefined;
  const upper = comma === undefined ? Number(min) : max ? Number(max) : Infinity;
  return {
    length: text.length,
    repeats: bounded ? upper > 1 : text[0] !== '?',
    varies: bounded ? upper !== Number(min) : true,
  };
}

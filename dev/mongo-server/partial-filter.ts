import { CommandError, type Doc } from './errors';
import { isPlainObject, shellString } from './values';

/**
 * mongod (6.0 and later) accepts in a partialFilterExpression only: equality, $exists: true,
 * $gt/$gte/$lt/$lte, $type, $in, and $and/$or over those, at most 4 levels deep. Anything that
 * negates ($ne, $nin, $not, $exists: false) or tests more ($regex, $elemMatch, $size, $expr...)
 * is code 67 CannotCreateIndex.
 */
const ALLOWED_OPS = new Set(['$eq', '$gt', '$gte', '$lt', '$lte', '$type', '$in']);
const MAX_DEPTH = 4;

type Node = { kind: 'and' | 'or'; children: Node[] } | { kind: 'leaf'; bad?: string };

const refuse = (what: string) =>
  new CommandError(67, 'CannotCreateIndex', `Expression not supported in partial index: ${what}`);

function fieldNodes(field: string, condition: unknown): Node[] {
  if (condition instanceof RegExp)
    return [{ kind: 'leaf', bad: `${field} regex /${condition.source}/` }];
  if (!isPlainObject(condition) || !Object.keys(condition).some((k) => k.startsWith('$')))
    return [{ kind: 'leaf' }];
  return Object.entries(condition).map(([op, value]): Node => {
    if (ALLOWED_OPS.has(op)) return { kind: 'leaf' };
    if (op === '$exists' && value) return { kind: 'leaf' };
    if (op === '$regex' || op === '$options')
      return { kind: 'leaf', bad: `${field} regex /${String(condition.$regex)}/` };
    const negated = ['$ne', '$nin', '$not', '$exists'].includes(op);
    return {
      kind: 'leaf',
      bad: negated
        ? `$not\n    ${field} ${op} ${shellString(value)}\n`
        : `${field} ${op} ${shellString(value)}`,
    };
  });
}

function parse(filter: Doc): Node {
  const children: Node[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      const parts = Array.isArray(value) ? value : [];
      children.push({
        kind: key === '$and' ? 'and' : 'or',
        children: parts.map((p) => parse(isPlainObject(p) ? p : {})),
      });
    } else if (key === '$expr' || key === '$where' || key === '$text') {
      // Parsed with every special feature banned, as mongod parses partial filters.
      throw key === '$expr'
        ? new CommandError(224, 'QueryFeatureNotAllowed', '$expr is not allowed in this context')
        : new CommandError(2, 'BadValue', `${key} is not allowed in this context`);
    } else if (key.startsWith('$')) {
      children.push({ kind: 'leaf', bad: key });
    } else {
      children.push(...fieldNodes(key, value));
    }
  }
  // mongod's parser folds a one-condition $and into its condition.
  return children.length === 1 ? (children[0] as Node) : { kind: 'and', children };
}

function check(node: Node, level: number): void {
  if (level + 1 > MAX_DEPTH)
    throw new CommandError(
      67,
      'CannotCreateIndex',
      `partialFilterExpression depth may not exceed ${MAX_DEPTH}`,
    );
  if (node.kind === 'leaf') {
    if (node.bad) throw refuse(node.bad);
    return;
  }
  for (const child of node.children) check(child, level + 1);
}

export function checkPartialFilter(spec: Doc): void {
  const filter = spec.partialFilterExpression;
  if (filter === undefined) return;
  if (spec.sparse)
    throw new CommandError(
      67,
      'CannotCreateIndex',
      'cannot mix "partialFilterExpression" and "sparse" options',
    );
  if (!isPlainObject(filter))
    throw new CommandError(
      67,
      'CannotCreateIndex',
      '"partialFilterExpression" for an index must be a document',
    );
  check(parse(filter), 0);
}

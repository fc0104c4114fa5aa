import { Query } from 'mingo/query';
import type { Doc } from './errors';
import { compiledQueryOptions } from './mingo/context';
import type { TieBreaker } from './ties';
import { sortDocs } from './values';

/** A mingo Query for `filter`, built on the shared compiled options (see mingo/context.ts). */
export function compileFilter(filter: Doc): Query {
  return new Query(filter, compiledQueryOptions());
}

export function matching(docs: Doc[], filter: Doc): Doc[] {
  if (Object.keys(filter).length === 0) return docs;
  const query = compileFilter(filter);
  return docs.filter((d) => query.test(d));
}

export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return new Query({}, compiledQueryOptions()).find<Doc>(docs, projection).all();
}

export interface FindOptions {
  sort?: Doc;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

/** sort → skip → limit → project of the documents a filter matched, the order mongod applies them in. */
export function runFind(matched: Doc[], opts: FindOptions, ties: TieBreaker): Doc[] {
  const sorted = sortDocs(matched, opts.sort, ties);
  const start = Math.max(0, opts.skip ?? 0);
  const limit = Math.abs(opts.limit ?? 0);
  const page = sorted.slice(start, limit ? start + limit : undefined);
  return project(page, opts.projection);
}

import { Query } from 'mingo/query';
import type { Doc } from './errors';
import { queryOptions } from './mingo/context';
import { sortDocs } from './values';

export function matching(docs: Doc[], filter: Doc): Doc[] {
  if (Object.keys(filter).length === 0) return docs;
  const query = new Query(filter, queryOptions());
  return docs.filter((d) => query.test(d));
}

export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return new Query({}, queryOptions()).find<Doc>(docs, projection).all();
}

export interface FindOptions {
  sort?: Doc;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

/** filter → sort → skip → limit → project, the order mongod applies them in. */
export function runFind(docs: Doc[], filter: Doc, opts: FindOptions): Doc[] {
  const sorted = sortDocs(matching(docs, filter), opts.sort);
  const start = Math.max(0, opts.skip ?? 0);
  const limit = Math.abs(opts.limit ?? 0);
  const page = sorted.slice(start, limit ? start + limit : undefined);
  return project(page, opts.projection);
}

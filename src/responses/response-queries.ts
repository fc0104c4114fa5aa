import type { Types } from 'mongoose';
import type { ResponseDoc, ResponseModel } from './response.model';
import type { ResponsesQuery } from './responses.schema';
import { toResponseView, type ResponseView } from './response-view';

export type ResponseQuery = ResponsesQuery;

/** Newest first, paged by _id so answers arriving meanwhile never shift a page. */
export async function findResponses(
  Responses: ResponseModel,
  workspaceId: Types.ObjectId,
  query: ResponseQuery,
): Promise<{ items: ResponseView[]; nextCursor: string | null }> {
  const filter: Record<string, unknown> = { workspaceId };
  if (query.type) filter.surveyType = query.type;
  if (query.category) filter.category = query.category;
  if (query.tag) filter.tags = query.tag;
  if (query.from || query.to) {
    filter.answeredAt = {
      ...(query.from ? { $gte: new Date(query.from) } : {}),
      ...(query.to ? { $lt: new Date(query.to) } : {}),
    };
  }
  for (const [field, value] of Object.entries(query.filters)) {
    const numeric = field === 'revenue' ? Number(value) : NaN;
    filter[`segment.${field}`] = Number.isFinite(numeric) ? numeric : value;
  }
  if (query.cursor) filter._id = { $lt: query.cursor };
  const docs = await Responses.find(filter)
    .sort({ _id: -1 })
    .limit(query.limit + 1)
    .lean<ResponseDoc[]>();
  const page = docs.slice(0, query.limit);
  return {
    items: page.map(toResponseView),
    nextCursor: docs.length > query.limit ? String(page[page.length - 1]!._id) : null,
  };
}

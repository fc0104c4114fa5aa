import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Types } from 'mongoose';
import type { ResponseDoc } from '../responses/response.model';
import { AppError } from '../shared/errors';
import { responsesMatch } from './pipelines/match';
import type { ReportQuery } from './report-query.schema';
import type { ReportDeps } from './summary.service';

/** The ISO week asked for, else the last complete one, as a local Monday-to-Monday range. */
export function weekRange(week: string | undefined, zone: string, now: Date = new Date()) {
  const start = week
    ? DateTime.fromISO(week, { zone })
    : DateTime.fromJSDate(now, { zone }).startOf('week').minus({ weeks: 1 });
  if (!start.isValid) {
    throw AppError.badRequest('The report query is not valid.', [
      { path: 'week', message: 'is not an ISO week' },
    ]);
  }
  const from = start.startOf('week');
  return {
    week: from.toFormat("kkkk-'W'WW"),
    from: from.toJSDate(),
    to: from.plus({ weeks: 1 }).toJSDate(),
  };
}

/** Rank of a response in a week's draw: the same week and workspace always draw the same. */
export function drawRank(seed: string, id: string): string {
  return createHash('sha256').update(`${seed}:${id}`).digest('hex');
}

/**
 * A reproducible random sample of the week's answered interactions for the spot check: each
 * answer gets a hash of (workspace, week, type, its id) and the N lowest hashes are drawn, so
 * re-running the draw gives the same answers, whatever the order they were stored in.
 */
export async function sampleReport(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: ReportQuery<'sample'>,
) {
  const ctx = await deps.context(workspaceId, query.type ?? 'nps');
  const range = weekRange(query.week, ctx.timezone);
  const seed = `${String(workspaceId)}:${range.week}:${query.type ?? 'all'}`;
  const match = responsesMatch(workspaceId, query.type, range, query.filters);
  const ids = await deps.Responses.find(match).select({ _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  const drawn = ids
    .map(({ _id }) => ({ _id, rank: drawRank(seed, String(_id)) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .slice(0, query.size);
  const docs = await deps.Responses.find({
    workspaceId,
    _id: { $in: drawn.map((d) => d._id) },
  }).lean<ResponseDoc[]>();
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  // The caller's own id (ticket, chat, order) is what a manager looks up in their helpdesk.
  const interactions = await deps.Interactions.find({
    workspaceId,
    _id: { $in: docs.map((d) => d.interactionId) },
  })
    .select({ externalId: 1 })
    .lean<{ _id: Types.ObjectId; externalId: string }[]>();
  const externalIds = new Map(interactions.map((i) => [String(i._id), i.externalId]));
  return {
    week: range.week,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    type: query.type ?? null,
    population: ids.length,
    size: drawn.length,
    items: drawn.flatMap(({ _id }) => {
      const d = byId.get(String(_id));
      return d ? [sampleItem(d, externalIds.get(String(d.interactionId)) ?? null)] : [];
    }),
  };
}

function sampleItem(d: ResponseDoc, externalId: string | null) {
  const s = d.segment;
  return {
    responseId: String(d._id),
    interactionId: String(d.interactionId),
    externalId,
    type: d.surveyType,
    score: d.score,
    category: d.category,
    comment: d.comment,
    answeredAt: d.answeredAt?.toISOString() ?? null,
    channel: d.channel,
    agent: s.agentId ? { id: s.agentId, name: s.agentName } : null,
    team: s.team,
    interactionType: s.interactionType,
    product: s.product,
  };
}

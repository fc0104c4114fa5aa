import { DateTime } from 'luxon';
import type { Types } from 'mongoose';
import { invitationFilterStages } from './pipelines/invitation-groups';
import { responsesMatch } from './pipelines/match';
import type { ReportQuery } from './report-query.schema';
import { resolveRange } from './report-range';
import type { ReportDeps } from './summary.service';

type Row = { _id: unknown; count: number };
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Local hours come from $dateTrunc in the zone; folding them to weekday × hour stays DST-true. */
function hourExpr(field: string, timezone: string) {
  return { $dateTrunc: { date: `$${field}`, unit: 'hour', timezone } };
}

function grid(sent: Row[], answers: Row[], zone: string) {
  const cells = WEEKDAYS.flatMap((label, i) =>
    Array.from({ length: 24 }, (_, hour) => ({ weekday: i + 1, label, hour, sent: 0, answers: 0 })),
  );
  const add = (rows: Row[], field: 'sent' | 'answers') => {
    for (const r of rows) {
      if (!(r._id instanceof Date)) continue;
      const at = DateTime.fromJSDate(r._id, { zone });
      cells[(at.weekday - 1) * 24 + at.hour]![field] += r.count;
    }
  };
  add(sent, 'sent');
  add(answers, 'answers');
  return cells;
}

/** Invitations sent and answers by weekday × hour (workspace zone) and by survey channel. */
export async function volumeReport(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: ReportQuery<'volume'>,
) {
  const ctx = await deps.context(workspaceId, query.type ?? 'nps');
  const range = resolveRange(query, ctx.timezone);
  const invitationMatch = {
    workspaceId,
    ...(query.type ? { surveyType: query.type } : {}),
    sentAt: { $gte: range.from, $lt: range.to },
  };
  const answerMatch = responsesMatch(workspaceId, query.type, range, query.filters);
  const count = { $sum: 1 };
  const [[inv], [ans]] = await Promise.all([
    deps.Invitations.aggregate<{ hours: Row[]; channels: Row[] }>([
      { $match: invitationMatch },
      ...invitationFilterStages(query.filters),
      {
        $facet: {
          hours: [{ $group: { _id: hourExpr('sentAt', ctx.timezone), count } }],
          channels: [{ $group: { _id: '$channel', count } }],
        },
      },
    ]),
    deps.Responses.aggregate<{ hours: Row[]; channels: Row[] }>([
      { $match: answerMatch },
      {
        $facet: {
          hours: [{ $group: { _id: hourExpr('answeredAt', ctx.timezone), count } }],
          channels: [{ $group: { _id: '$channel', count } }],
        },
      },
    ]),
  ]);
  const channelNames = [
    ...new Set([...(inv?.channels ?? []), ...(ans?.channels ?? [])].map((r) => String(r._id))),
  ];
  const countOf = (rows: Row[] | undefined, name: string) =>
    rows?.find((r) => String(r._id) === name)?.count ?? 0;
  return {
    type: query.type ?? null,
    timezone: ctx.timezone,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    totals: {
      sent: (inv?.channels ?? []).reduce((t, r) => t + r.count, 0),
      answers: (ans?.channels ?? []).reduce((t, r) => t + r.count, 0),
    },
    byWeekdayHour: grid(inv?.hours ?? [], ans?.hours ?? [], ctx.timezone),
    byChannel: channelNames.sort().map((channel) => ({
      channel,
      sent: countOf(inv?.channels, channel),
      answers: countOf(ans?.channels, channel),
    })),
  };
}

import type { Types } from 'mongoose';
import type { ReportRange } from './report-range';
import { scoreChange, type SurveyKind } from './score-figures';
import { verdictOf, type Verdict } from './segment-comparison';
import { scoreTable, type ReportDeps } from './summary.service';

const WEEK_MS = 7 * 24 * 3600_000;

/** The last 7 days up to `now`, and the 7 days before them (both as instants, `to` excluded). */
export function glanceRanges(now: Date): { current: ReportRange; previous: ReportRange } {
  const from = new Date(now.getTime() - WEEK_MS);
  return {
    current: { from, to: now },
    previous: { from: new Date(from.getTime() - WEEK_MS), to: from },
  };
}

/**
 * The home page's headline for one survey type: score, n and interval of the last 7 days and of
 * the 7 before, and the change between them with its interval (the reports' own maths).
 */
export async function glanceReport(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: { type: SurveyKind; now?: Date },
) {
  const ctx = await deps.context(workspaceId, query.type);
  const ranges = glanceRanges(query.now ?? new Date());
  const table = { type: query.type, filters: {} };
  const [current, previous] = await Promise.all([
    scoreTable(deps, workspaceId, table, ranges.current, ctx),
    scoreTable(deps, workspaceId, table, ranges.previous, ctx),
  ]);
  const change = scoreChange(query.type, current.overallSums, previous.overallSums);
  const verdict: Verdict | null = change?.significant
    ? verdictOf(change.difference, ctx.direction)
    : null;
  return {
    type: query.type,
    scale: ctx.scale,
    direction: ctx.direction,
    current: { from: ranges.current.from.toISOString(), ...current.overall },
    previous: { from: ranges.previous.from.toISOString(), ...previous.overall },
    change: change ? { ...change, verdict } : null,
  };
}
export type GlanceReport = Awaited<ReturnType<typeof glanceReport>>;

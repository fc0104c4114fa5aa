import type { Writable } from 'node:stream';
import type { Types } from 'mongoose';
import type { SurveysService } from '../surveys';
import type { WorkspacesService } from '../workspaces';
import { latestComments, type CommentsQuery } from './comments.service';
import { agentCardReport, type AgentCardDeps } from './agent-card.service';
import { distributionReport } from './distribution.service';
import { exportResponses } from './export.service';
import { followupReport } from './followup.service';
import { glanceReport } from './glance.service';
import { reportContext } from './report-context';
import type { ReportQuery } from './report-query.schema';
import type { ReportSources } from './report-sources';
import type { RollupReader } from './rollups';
import { revenueReport } from './revenue.service';
import { sampleReport } from './sample.service';
import { summaryCsv } from './summary-csv';
import { summaryReport, type ReportDeps } from './summary.service';
import { trendReport } from './trend.service';
import { volumeReport } from './volume.service';

export interface ReportsServiceDeps {
  /** The collections reports read, with the reports' read preference (report-sources.ts). */
  sources: ReportSources;
  workspaces: WorkspacesService;
  surveys: SurveysService;
  /** Daily rollups for whole days (see rollups/); without it every report is raw. */
  rollups?: RollupReader;
}

type Id = Types.ObjectId;

/** Read-only reports over responses and invitations, always scoped to one workspace. */
export function createReportsService(deps: ReportsServiceDeps) {
  const { sources } = deps;
  const report: ReportDeps = {
    Responses: sources.Responses,
    Invitations: sources.Invitations,
    Interactions: sources.Interactions,
    context: (workspaceId, type) => reportContext(deps, workspaceId, type),
    rollups: deps.rollups,
  };
  const withTasks: AgentCardDeps = {
    ...report,
    tasksCollection: sources.tasksCollection,
    Users: sources.Users,
  };
  return {
    summary: (ws: Id, q: ReportQuery<'summary'>) => summaryReport(report, ws, q),
    trend: (ws: Id, q: ReportQuery<'trend'>) => trendReport(report, ws, q),
    distribution: (ws: Id, q: ReportQuery<'distribution'>) => distributionReport(report, ws, q),
    volume: (ws: Id, q: ReportQuery<'volume'>) => volumeReport(report, ws, q),
    revenue: (ws: Id, q: ReportQuery<'revenue'>) => revenueReport(report, ws, q),
    sample: (ws: Id, q: ReportQuery<'sample'>) => sampleReport(report, ws, q),
    followup: (ws: Id, q: ReportQuery<'followup'>) => followupReport(withTasks, ws, q),
    agentCard: (ws: Id, agentId: string, q: ReportQuery<'agent'>) =>
      agentCardReport(withTasks, ws, agentId, q),
    summaryCsv: async (ws: Id, q: ReportQuery<'summary'>) =>
      summaryCsv(await summaryReport(report, ws, q)),
    comments: (ws: Id, q: CommentsQuery) => latestComments(report, ws, q),
    glance: (ws: Id, q: Parameters<typeof glanceReport>[2]) => glanceReport(report, ws, q),
    exportResponses: (ws: Id, q: ReportQuery<'export'>, out: Writable) =>
      exportResponses(report, ws, q, out),
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;

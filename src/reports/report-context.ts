import type { Types } from 'mongoose';
import type { SurveysService } from '../surveys';
import type { WorkspacesService } from '../workspaces';
import type { ScaleInfo, SurveyKind } from './score-figures';

const FALLBACK: Record<SurveyKind, ScaleInfo> = {
  nps: { scale: { min: 0, max: 10 }, direction: 'higher_better' },
  csat: { scale: { min: 1, max: 5 }, direction: 'higher_better' },
  ces: { scale: { min: 1, max: 5 }, direction: 'lower_better' },
};

export interface ReportContext extends ScaleInfo {
  timezone: string;
}

/**
 * The workspace's zone, and the scale every report states: the default survey's. CES answers
 * on another scale (a 1–7 survey next to the 1–5 default) are left out rather than averaged in.
 */
export async function reportContext(
  deps: { workspaces: WorkspacesService; surveys: SurveysService },
  workspaceId: Types.ObjectId,
  type: SurveyKind,
): Promise<ReportContext> {
  const [workspace, survey] = await Promise.all([
    deps.workspaces.getWorkspace(workspaceId),
    deps.surveys.findDefault(workspaceId, type),
  ]);
  const info = survey ? { scale: survey.scale, direction: survey.direction } : FALLBACK[type];
  return { timezone: workspace.timezone, ...info };
}

/** The extra $match keeping one scale per report (NPS and CSAT have only one). */
export function scaleMatch(type: SurveyKind, info: ScaleInfo): Record<string, unknown> {
  return type === 'ces' ? { 'scale.max': info.scale.max } : {};
}

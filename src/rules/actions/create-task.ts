import { addBusinessHours, DEFAULT_OPENING, DEFAULT_WORKING_DAYS } from '../../tasks';
import type { CreateTaskAction } from '../rules.schema';
import { workspaceSettingsCache } from '../../shared/settings-changes';
import type { WorkspaceView } from '../../workspaces';
import type { ActionDeps, ActionResult, ActionRun } from './action-context';

// Working hours and time zone for the SLA: a change made by another process applies within 5 s.
const workspaces = workspaceSettingsCache<WorkspaceView>(5_000);

const DEFAULT_TITLES: Record<string, string> = {
  nps: 'Call back an NPS detractor',
  csat: 'Follow up an unsatisfied customer',
  ces: 'Follow up a customer who struggled',
};

/** Idempotent by the task's origin key, so a retried claim never makes a second task. */
export async function createTask(
  deps: ActionDeps,
  run: ActionRun,
  action: CreateTaskAction,
): Promise<ActionResult> {
  const { response } = run;
  const workspace = await workspaces(run.workspaceId, 'view', () =>
    deps.workspaces.getWorkspace(run.workspaceId),
  );
  // The rule's own hours, else the workspace's, else Mon–Fri 09:00–18:00.
  const hours = workspace.workingHours;
  const dueAt = addBusinessHours(deps.clock(), action.sla.businessHours, {
    timezone: workspace.timezone,
    workingDays: action.sla.workingDays ?? hours?.days ?? DEFAULT_WORKING_DAYS,
    start: action.sla.start ?? hours?.start ?? DEFAULT_OPENING.start,
    end: action.sla.end ?? hours?.end ?? DEFAULT_OPENING.end,
  });
  const task = await deps.tasks.createTask(run.workspaceId, {
    originKey: run.key,
    responseId: response._id,
    contactId: response.contactId,
    interactionId: response.interactionId,
    ruleId: run.ruleId,
    title: action.title ?? DEFAULT_TITLES[response.surveyType] ?? 'Follow up a customer',
    priority: action.priority,
    dueAt,
    assign: {
      strategy: action.assign.strategy,
      team: action.assign.team ?? null,
      user: action.assign.user ?? null,
      interactionAgentId: response.segment.agentId ?? null,
      interactionTeam: response.segment.team ?? null,
    },
    response: {
      surveyType: response.surveyType,
      score: response.score ?? null,
      category: response.category ?? null,
      comment: response.comment ?? null,
    },
  });
  return {
    status: 'done',
    result: { taskId: task.id, assigneeId: task.assignee?.id ?? null, team: task.team },
  };
}

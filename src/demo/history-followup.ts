import { addBusinessHours, DEFAULT_OPENING, DEFAULT_WORKING_DAYS } from '../tasks/business-hours';
import { OUTCOME_COMMENTS, TASK_NOTES } from './history-phrases';
import type { Rng } from './prng';

export interface DemoAgent {
  id: string;
  name: string;
  email: string;
  team: string | null;
}

export interface PlannedTaskHistory {
  at: Date;
  by: string | null;
  byName: string | null;
  action: string;
  detail: unknown;
}

export interface PlannedTask {
  title: string;
  priority: 'high';
  createdAt: Date;
  dueAt: Date;
  status: 'open' | 'in_progress' | 'resolved';
  assignee: DemoAgent | null;
  team: string | null;
  overdue: boolean;
  escalatedAt: Date | null;
  firstActionAt: Date | null;
  resolvedAt: Date | null;
  notes: { authorId: string; authorName: string; text: string; at: Date }[];
  outcome: {
    reachedCustomer: boolean;
    problemFixed: 'yes' | 'no' | 'partly';
    sentiment: 'positive' | 'neutral' | 'negative';
    comment: string | null;
  } | null;
  history: PlannedTaskHistory[];
}

const TITLES: Record<string, string> = {
  nps: 'Call back an NPS detractor',
  csat: 'Follow up an unsatisfied customer',
};
const SLA_BUSINESS_HOURS = 24;
const HOUR = 3_600_000;

export interface FollowupInput {
  surveyType: 'nps' | 'csat';
  answeredAt: Date;
  now: Date;
  timezone: string;
  /** The interaction's agent (the default rules assign to them), else the team's queue. */
  agent: DemoAgent | null;
  team: string | null;
  /** Who picks a queued task up. */
  teamAgents: readonly DemoAgent[];
  /** Slower hands (the bad week): multiplies the time to first action. */
  slowness: number;
}

/**
 * The task a default rule made for an unhappy answer, and what the agents did with it by `now`:
 * most acted on within hours and resolved with an outcome, some still open, some past their SLA.
 */
export function planFollowup(input: FollowupInput, rng: Rng): PlannedTask {
  const { now } = input;
  const createdAt = new Date(input.answeredAt.getTime() + rng.int(2, 40) * 1000);
  const dueAt = addBusinessHours(createdAt, SLA_BUSINESS_HOURS, {
    timezone: input.timezone,
    workingDays: DEFAULT_WORKING_DAYS,
    start: DEFAULT_OPENING.start,
    end: DEFAULT_OPENING.end,
  });
  const task: PlannedTask = {
    title: TITLES[input.surveyType]!,
    priority: 'high',
    createdAt,
    dueAt,
    status: 'open',
    assignee: input.agent,
    team: input.team,
    overdue: false,
    escalatedAt: null,
    firstActionAt: null,
    resolvedAt: null,
    notes: [],
    outcome: null,
    history: [
      {
        at: createdAt,
        by: null,
        byName: 'rules',
        action: 'created',
        detail: {
          strategy: 'interaction_agent',
          assignee: input.agent?.id ?? null,
          team: input.team,
          fallback: input.agent ? null : 'team_queue',
        },
      },
    ],
  };

  const firstAt = new Date(
    createdAt.getTime() + rng.logNormal(3 * HOUR, 22 * HOUR) * input.slowness,
  );
  const acts = rng.chance(0.92) && firstAt <= now;
  const actor = input.agent ?? (input.teamAgents.length ? rng.pick(input.teamAgents) : null);
  if (acts && actor) {
    task.firstActionAt = firstAt;
    task.status = 'in_progress';
    if (!input.agent) {
      task.assignee = actor;
      task.history.push(entry(firstAt, actor, 'claimed'));
    } else task.history.push(entry(firstAt, actor, 'started'));
    if (rng.chance(0.5)) {
      const text = rng.pick(TASK_NOTES);
      task.notes.push({ authorId: actor.id, authorName: actor.name, text, at: firstAt });
      task.history.push(entry(firstAt, actor, 'note'));
    }
    const resolvedAt = new Date(firstAt.getTime() + rng.logNormal(6 * HOUR, 60 * HOUR));
    if (resolvedAt <= now && rng.chance(0.93)) {
      task.status = 'resolved';
      task.resolvedAt = resolvedAt;
      task.outcome = outcomeOf(rng);
    }
  }

  // The SLA job marks an unresolved task overdue at its due time, once.
  const stillOpenAtDue = !task.resolvedAt || task.resolvedAt > dueAt;
  if (stillOpenAtDue && dueAt <= now) {
    task.overdue = true;
    task.escalatedAt = new Date(dueAt.getTime() + rng.int(1, 30) * 1000);
    task.history.push({
      at: task.escalatedAt,
      by: null,
      byName: 'SLA',
      action: 'escalated',
      detail: null,
    });
  }
  if (task.resolvedAt && task.assignee) {
    task.history.push(entry(task.resolvedAt, task.assignee, 'resolved', task.outcome));
  }
  task.history.sort((a, b) => a.at.getTime() - b.at.getTime());
  return task;
}

function entry(at: Date, by: DemoAgent, action: string, detail: unknown = null) {
  return { at, by: by.id, byName: by.name, action, detail };
}

function outcomeOf(rng: Rng): NonNullable<PlannedTask['outcome']> {
  const reachedCustomer = rng.chance(0.86);
  const problemFixed = reachedCustomer
    ? rng.weighted([
        ['yes', 62],
        ['partly', 24],
        ['no', 14],
      ] as const)
    : 'no';
  const sentiment =
    problemFixed === 'yes'
      ? rng.weighted([
          ['positive', 75],
          ['neutral', 25],
        ] as const)
      : problemFixed === 'partly'
        ? 'neutral'
        : rng.weighted([
            ['neutral', 40],
            ['negative', 60],
          ] as const);
  return {
    reachedCustomer,
    problemFixed,
    sentiment,
    comment: rng.chance(0.55) ? rng.pick(OUTCOME_COMMENTS) : null,
  };
}

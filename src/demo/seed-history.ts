import { Types, type Connection } from 'mongoose';
import { contactModel } from '../contacts/contact.model';
import { interactionModel } from '../interactions/interaction.model';
import { invitationModel } from '../invitations/invitation.model';
import { responseModel } from '../responses/response.model';
import { DEFAULT_RULES } from '../rules/default-rules';
import { ruleModel } from '../rules/rule.model';
import { surveyModel } from '../surveys/survey.model';
import { taskModel } from '../tasks/task.model';
import { userModel } from '../workspaces/users/user.model';
import { workspaceModel } from '../workspaces/workspace.model';
import { toDocuments } from './history-documents';
import { planDemoHistory, type DemoAgent, type DemoSurvey, type SurveyKind } from './history-plan';

export { DEMO_ID_PREFIX } from './history-plan';

export interface DemoHistoryOptions {
  /** How far back the history goes. */
  weeks?: number;
  /** PRNG seed: the same seed and `now` give the same history. */
  seed?: number;
  /** The end of the history (default: now). */
  now?: Date;
  interactionsPerWeek?: number;
}

export interface DemoHistoryResult {
  /** false when the workspace already had its demo history: nothing was written. */
  seeded: boolean;
  weeks: number;
  contacts: number;
  interactions: number;
  invitations: number;
  responses: number;
  tasks: number;
}

export const DEMO_HISTORY_DEFAULTS = { weeks: 12, seed: 20_261_125, interactionsPerWeek: 460 };

/** The default rules whose tasks the history imitates, by the survey type they follow up. */
const FOLLOWUP_RULES: Partial<Record<SurveyKind, string>> = {
  nps: DEFAULT_RULES[0]?.name,
  csat: DEFAULT_RULES[1]?.name,
};

async function loadSetting(conn: Connection, workspaceId: Types.ObjectId) {
  const [workspace, surveys, agents, rules] = await Promise.all([
    workspaceModel(conn).findOne({ _id: workspaceId }).lean(),
    surveyModel(conn).find({ workspaceId, isDefault: true, active: true }).lean(),
    userModel(conn)
      .find({ workspaceId, role: 'agent', active: true })
      .sort({ name: 1, _id: 1 })
      .lean(),
    ruleModel(conn)
      .find({ workspaceId, name: { $in: Object.values(FOLLOWUP_RULES) } })
      // A rule renamed like a default must not take its place: the oldest of a name wins.
      .sort({ _id: 1 })
      .lean(),
  ]);
  if (!workspace) throw new Error(`No workspace ${String(workspaceId)}`);
  const byType: Partial<Record<SurveyKind, DemoSurvey & { id: Types.ObjectId }>> = {};
  for (const s of surveys) {
    const type = s.type as SurveyKind;
    byType[type] = {
      id: s._id,
      type,
      scale: { min: Number(s.scale.min), max: Number(s.scale.max) },
      direction: s.direction as DemoSurvey['direction'],
      expiryMs: s.expiryMs,
      reminderDelayMs: s.reminderDelayMs,
    };
  }
  const ruleIds: Partial<Record<SurveyKind, string>> = {};
  for (const [type, name] of Object.entries(FOLLOWUP_RULES)) {
    const rule = rules.find((r) => r.name === name);
    if (rule) ruleIds[type as SurveyKind] = String(rule._id);
  }
  const demoAgents: DemoAgent[] = agents.map((a) => ({
    id: String(a._id),
    name: a.name,
    email: a.email,
    team: a.teams?.[0] ?? null,
  }));
  return { timezone: workspace.timezone, surveys: byType, agents: demoAgents, ruleIds };
}

/** What seeding needs of a model: every model of the history has it. */
interface BulkModel {
  applyDefaults(doc: Record<string, unknown>): unknown;
  insertMany(docs: Record<string, unknown>[], options: { lean: true }): Promise<unknown>;
  deleteMany(filter: Record<string, unknown>): Promise<unknown>;
}

/**
 * Writes weeks of realistic demo history into a workspace, straight into the collections (no
 * API, no queue: nothing is sent, no rule runs): contacts, interactions, invitations, answers
 * and follow-up tasks, every interaction id starting with "demo-" and every customer, interaction
 * and answer segment carrying the attribute demo: true. Development only (`npm run dev`).
 *
 * At most once per workspace, even when two processes race: the workspace's
 * demoHistorySeededAt is claimed first with a conditional update; when writing fails, what was
 * written is removed and the claim released, so the next start tries again.
 */
export async function seedDemoHistory(
  conn: Connection,
  workspace: Types.ObjectId | string,
  options: DemoHistoryOptions = {},
): Promise<DemoHistoryResult> {
  const workspaceId = new Types.ObjectId(workspace);
  const now = options.now ?? new Date();
  const Workspaces = workspaceModel(conn);
  const claimed = await Workspaces.findOneAndUpdate(
    { _id: workspaceId, demoHistorySeededAt: null },
    { $set: { demoHistorySeededAt: now } },
  ).lean();
  const weeks = options.weeks ?? DEMO_HISTORY_DEFAULTS.weeks;
  const none = { weeks, contacts: 0, interactions: 0, invitations: 0, responses: 0, tasks: 0 };
  if (!claimed) return { seeded: false, ...none };

  const written: { model: BulkModel; ids: unknown[] }[] = [];
  try {
    const setting = await loadSetting(conn, workspaceId);
    const plan = planDemoHistory({
      now,
      weeks,
      seed: options.seed ?? DEMO_HISTORY_DEFAULTS.seed,
      interactionsPerWeek: options.interactionsPerWeek ?? DEMO_HISTORY_DEFAULTS.interactionsPerWeek,
      timezone: setting.timezone,
      surveys: setting.surveys,
      agents: setting.agents,
    });
    const docs = toDocuments(plan, workspaceId, setting.surveys, setting.ruleIds, new Date());
    const steps: [BulkModel, Record<string, unknown>[]][] = [
      [contactModel(conn), docs.contacts],
      [interactionModel(conn), docs.interactions],
      [invitationModel(conn), docs.invitations],
      [responseModel(conn), docs.responses],
      [taskModel(conn), docs.tasks],
    ];
    for (const [model, batch] of steps) {
      written.push({ model, ids: batch.map((d) => d._id) });
      // lean: no hydration and no per-document validation (the plan is built to the schemas);
      // the schemas' defaults are applied here instead.
      for (const doc of batch) model.applyDefaults(doc);
      if (batch.length > 0) await model.insertMany(batch, { lean: true });
    }
    return {
      seeded: true,
      weeks,
      contacts: docs.contacts.length,
      interactions: docs.interactions.length,
      invitations: docs.invitations.length,
      responses: docs.responses.length,
      tasks: docs.tasks.length,
    };
  } catch (err) {
    for (const { model, ids } of written.reverse()) {
      await model.deleteMany({ workspaceId, _id: { $in: ids } }).catch(() => undefined);
    }
    await Workspaces.updateOne(
      { _id: workspaceId, demoHistorySeededAt: now },
      { $set: { demoHistorySeededAt: null } },
    ).catch(() => undefined);
    throw err;
  }
}

/** The line `npm run dev` prints about the demo history (null: switched off). */
export function describeDemoHistory(result: DemoHistoryResult | null): string {
  if (!result) return 'none (RETOUR_DEMO_HISTORY=off)';
  if (!result.seeded) return 'seeded on an earlier start (marked as demo data)';
  return (
    `${result.responses.toLocaleString('en')} demo responses over ` +
    `${result.weeks} weeks seeded (marked as demo data; RETOUR_DEMO_HISTORY=off skips this)`
  );
}

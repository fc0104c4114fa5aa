import { Types, type Connection } from 'mongoose';
import type { ChannelName } from '../channels/channel';
import type { ContactsService } from '../contacts';
import type { InvitationPlan, InvitationsService, InvitationSummary } from '../invitations';
import { agentEmailToResolve, agentIdentity } from '../shared/agent-identity';
import { AppError } from '../shared/errors';
import { isDuplicateKey } from '../shared/mongo-errors';
import type { SurveysService } from '../surveys';
import type { TriggersService } from '../triggers';
import type { WorkspacesService } from '../workspaces';
import { userIdByEmail } from '../workspaces/users/user-by-email';
import { interactionModel, type InteractionDoc } from './interaction.model';
import type { InteractionInput } from './interactions.schema';

export interface InteractionResult {
  interaction: { id: string; externalId: string };
  invitations: InvitationSummary[];
}

export const DEFAULT_CHANNELS: ChannelName[] = ['sms', 'email'];
const REPLAY_WAIT_MS = 10_000;

export interface InteractionsDeps {
  conn: Connection;
  workspaces: WorkspacesService;
  surveys: SurveysService;
  triggers: TriggersService;
  contacts: ContactsService;
  invitations: InvitationsService;
}

export function createInteractionsService(deps: InteractionsDeps) {
  const Interactions = interactionModel(deps.conn);

  /** An agent given only by e-mail is stored with its identity as id (see agentIdentity). */
  const agentOf = async (workspaceId: Types.ObjectId, agent: InteractionInput['agent']) => {
    if (!agent) return null;
    const email = agentEmailToResolve(agent);
    if (!email) return agent;
    const userId = await userIdByEmail(deps.conn, workspaceId, email);
    return { ...agent, id: agentIdentity(agent, userId) };
  };

  const plansFor = async (
    workspaceId: Types.ObjectId,
    input: InteractionInput,
  ): Promise<InvitationPlan[]> => {
    if (input.survey) {
      const survey = await deps.surveys.findDefault(workspaceId, input.survey.type);
      if (!survey) {
        throw AppError.badRequest('The interaction is not valid.', [
          {
            path: 'survey.type',
            message: `this workspace has no active ${input.survey.type} survey`,
          },
        ]);
      }
      return [
        {
          survey,
          channels: input.survey.channels ?? DEFAULT_CHANNELS,
          delayMs: input.survey.delay ?? 0,
          samplingRate: 100,
          triggerId: null,
        },
      ];
    }
    const triggers = await deps.triggers.matching(workspaceId, input.type, factsOf(input));
    const plans: InvitationPlan[] = [];
    for (const trigger of triggers) {
      const survey = await deps.surveys.get(workspaceId, trigger.surveyId).catch(() => null);
      if (!survey?.active || plans.some((p) => p.survey.id === survey.id)) continue;
      plans.push({
        survey,
        channels: trigger.channels,
        delayMs: trigger.delayMs,
        samplingRate: trigger.samplingRate,
        triggerId: toId(trigger.id),
      });
    }
    return plans;
  };

  /** A concurrent or repeated post of the same id waits for the first one's answer. */
  const awaitResult = async (
    workspaceId: Types.ObjectId,
    externalId: string,
  ): Promise<InteractionResult> => {
    const deadline = Date.now() + REPLAY_WAIT_MS;
    for (;;) {
      const doc = await Interactions.findOne({ workspaceId, externalId }).lean<InteractionDoc>();
      if (doc?.result) {
        await deps.invitations.ensureQueued(workspaceId, doc._id);
        return doc.result as InteractionResult;
      }
      if (!doc)
        throw AppError.conflict(
          'This interaction failed while it was being processed; post it again.',
        );
      if (Date.now() > deadline)
        throw AppError.conflict('This interaction is still being processed; retry shortly.');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  return {
    /**
     * The event types and attribute names of the workspace's latest interactions (bounded), for
     * the trigger editor's pickers.
     */
    async recentVocabulary(
      workspaceId: Types.ObjectId,
    ): Promise<{ types: string[]; attributes: string[] }> {
      const recent = await Interactions.find({ workspaceId })
        .sort({ _id: -1 })
        .limit(500)
        .select({ type: 1, attributes: 1 })
        .lean<{ type?: unknown; attributes?: unknown }[]>();
      const types = new Set<string>();
      const attributes = new Set<string>();
      for (const doc of recent) {
        if (typeof doc.type === 'string') types.add(doc.type);
        if (typeof doc.attributes === 'object' && doc.attributes !== null) {
          for (const key of Object.keys(doc.attributes)) {
            if (/^[A-Za-z0-9_-]{1,64}$/.test(key)) attributes.add(key);
          }
        }
      }
      const bounded = (set: Set<string>) => [...set].sort().slice(0, 50);
      return { types: bounded(types), attributes: bounded(attributes) };
    },

    /** Records an interaction and schedules its surveys, exactly once per (workspace, id). */
    async record(
      workspaceId: Types.ObjectId,
      input: InteractionInput,
      now = new Date(),
      origin: { connectorId?: Types.ObjectId | null } = {},
    ): Promise<{ replayed: boolean; result: InteractionResult }> {
      const existing = await Interactions.exists({ workspaceId, externalId: input.id });
      if (existing) return { replayed: true, result: await awaitResult(workspaceId, input.id) };

      const workspace = await deps.workspaces.getSendSettings(workspaceId);
      const plans = await plansFor(workspaceId, input); // may reject bad input before anything is stored
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;

      let interaction: InteractionDoc;
      try {
        const created = await Interactions.create({
          workspaceId,
          externalId: input.id,
          type: input.type,
          occurredAt,
          customer: input.customer,
          agent: await agentOf(workspaceId, input.agent),
          team: input.team ?? null,
          channel: input.channel ?? null,
          attributes: input.attributes ?? {},
          surveyRequest: input.survey ?? null,
          connectorId: origin.connectorId ?? null,
        });
        interaction = created.toObject() as InteractionDoc;
      } catch (err) {
        if (isDuplicateKey(err))
          return { replayed: true, result: await awaitResult(workspaceId, input.id) };
        throw err;
      }

      try {
        const contact = await deps.contacts.upsertFromCustomer(workspaceId, input.customer);
        // The texts are chosen at send time from this (see resolveLocale): pt-BR may get pt.
        const locale = contact.locale ?? workspace.defaultLocale;
        const invitations: InvitationSummary[] = [];
        for (const plan of plans) {
          invitations.push(
            await deps.invitations.schedule({ workspace, interaction, contact, locale, now }, plan),
          );
        }
        const result: InteractionResult = {
          interaction: { id: String(interaction._id), externalId: input.id },
          invitations,
        };
        await Interactions.updateOne(
          { _id: interaction._id, workspaceId },
          { $set: { result, contactId: contact._id } },
        );
        return { replayed: false, result };
      } catch (err) {
        // Leave no half-recorded interaction behind: the caller's retry starts afresh.
        await Interactions.deleteOne({ _id: interaction._id, workspaceId, result: null });
        throw err;
      }
    },
  };
}

function factsOf(input: InteractionInput): Record<string, unknown> {
  return {
    type: input.type,
    channel: input.channel,
    team: input.team,
    occurredAt: input.occurredAt,
    agent: input.agent ?? {},
    customer: {
      id: input.customer.id,
      locale: input.customer.locale,
      timezone: input.customer.timezone,
    },
    attributes: input.attributes ?? {},
  };
}

function toId(id: string): Types.ObjectId {
  return new Types.ObjectId(id);
}

export type InteractionsService = ReturnType<typeof createInteractionsService>;

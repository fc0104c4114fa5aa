import { ttlCache } from '../shared/ttl-cache';
import { Types } from 'mongoose';
import { contactModel, type ContactDoc } from '../contacts/contact.model';
import { responseModel } from '../responses/response.model';
import type { ResponseView } from '../responses/response-view';
import { scoreCategory } from '../responses/score-category';
import { auditTrail } from '../audit';
import { AppError } from '../shared/errors';
import { isDuplicateKey } from '../shared/mongo-errors';
import { assertOutboundUrls } from '../shared/outbound';
import { actionLogModel, type ActionLogDoc } from './action-log.model';
import type { ActionDeps, StoredResponse } from './actions/action-context';
import { runAction, type RunOutcome } from './actions/run-action';
import type { Condition } from '../conditions';
import { DEFAULT_RULES } from './default-rules';
import {
  evaluateRules,
  type EvaluableRule,
  type Evaluation,
  type PlannedAction,
} from './evaluate-rules';
import { factsOf, type RuleResponse } from './rule-fields';
import { moveRule } from './rule-order';
import { ruleModel, type RuleDoc } from './rule.model';
import {
  POSTED_SCALES,
  ruleInput,
  type DryRunInput,
  type PostedResponse,
  type RuleAction,
  type RuleData,
  type RulePatchData,
} from './rules.schema';

export interface RuleView extends EvaluableRule {
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Webhook secrets are write-only. */
function redact(action: RuleAction): RuleAction {
  if (action.type !== 'notify' || !action.webhook) return action;
  return { ...action, webhook: { ...action.webhook, secret: '********' } };
}

function toEvaluable(doc: RuleDoc): EvaluableRule {
  return {
    id: String(doc._id),
    name: doc.name,
    priority: doc.priority,
    active: doc.active,
    conditions: (doc.conditions as Condition | null) ?? null,
    actions: doc.actions as RuleAction[],
    stop: doc.stop,
  };
}

function toView(doc: RuleDoc): RuleView {
  const rule = toEvaluable(doc);
  return {
    ...rule,
    actions: rule.actions.map(redact),
    isDefault: Boolean(doc.isDefault),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

function postedToRuleResponse(p: PostedResponse): RuleResponse {
  const category = (score: number | null) =>
    score === null ? null : scoreCategory({ type: p.type, ...POSTED_SCALES[p.type] }, score);
  const current = { score: p.score, category: p.category ?? category(p.score), comment: p.comment };
  const history = p.previous
    ? [{ ...p.previous, category: category(p.previous.score) }, current]
    : [current];
  return {
    surveyType: p.type,
    ...current,
    channel: p.channel,
    source: p.source,
    locale: p.locale,
    tags: p.tags,
    version: history.length,
    segment: p.segment as RuleResponse['segment'],
    history,
  };
}

function storedToRuleResponse(doc: StoredResponse): RuleResponse {
  return {
    surveyType: doc.surveyType as RuleResponse['surveyType'],
    score: doc.score ?? null,
    category: doc.category ?? null,
    comment: doc.comment ?? null,
    channel: doc.channel ?? null,
    source: doc.source,
    locale: doc.locale,
    version: doc.version,
    tags: doc.tags ?? [],
    segment: doc.segment as RuleResponse['segment'],
    history: doc.history ?? [],
  };
}

/** How many recent answers and contacts the builder reads attribute names from. */
const ATTRIBUTE_SAMPLE = 500;
const MAX_ATTRIBUTE_NAMES = 50;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The distinct attribute names of some documents' attribute objects, sorted and bounded. */
function namesOf(objects: unknown[]): string[] {
  const names = new Set<string>();
  for (const object of objects) {
    if (typeof object !== 'object' || object === null) continue;
    for (const key of Object.keys(object)) if (ATTRIBUTE_NAME.test(key)) names.add(key);
  }
  return [...names].sort().slice(0, MAX_ATTRIBUTE_NAMES);
}

/** One answer of a dry run over recent answers: what it was, and what the rule would do. */
export interface DryRunMatch {
  responseId: string;
  answeredAt: string | null;
  surveyType: string;
  score: number | null;
  category: string | null;
  comment: string | null;
  channel: string | null;
  locale: string;
  agentName: string | null;
  team: string | null;
  actions: PlannedAction[];
  /** A rule before this one whose "stop" would end the evaluation first. */
  preemptedBy: string | null;
}

export function createRulesService(deps: ActionDeps) {
  const Rules = ruleModel(deps.conn);
  const audit = auditTrail(deps.conn);
  const Responses = responseModel(deps.conn);
  const Contacts = contactModel(deps.conn);
  const Logs = actionLogModel(deps.conn);

  const activeRules = async (workspaceId: Types.ObjectId) =>
    (
      await Rules.find({ workspaceId, active: true })
        .sort({ priority: 1, createdAt: 1, _id: 1 })
        .lean<RuleDoc[]>()
    ).map(toEvaluable);

  // The thank-you page's promise of a call back may lag a rule change by this much.
  const promiseRules = ttlCache<Awaited<ReturnType<typeof activeRules>>>(5_000);

  const loadResponse = async (workspaceId: Types.ObjectId, id: string) => {
    const response = Types.ObjectId.isValid(id)
      ? await Responses.findOne({ _id: id, workspaceId }).lean<StoredResponse>()
      : null;
    if (!response) return null;
    const contact = await Contacts.findOne({
      _id: response.contactId,
      workspaceId,
    }).lean<ContactDoc>();
    return { response, contact };
  };

  const evaluateStored = (
    rules: EvaluableRule[],
    response: StoredResponse,
    contact: ContactDoc | null,
  ) => {
    return evaluateRules(rules, factsOf(storedToRuleResponse(response), contact));
  };

  /** Save-time SSRF check of the notify webhooks; the worker checks again at connect time. */
  const checkWebhookUrls = (actions: readonly RuleAction[] | undefined) =>
    assertOutboundUrls(
      (actions ?? []).flatMap((a, i) =>
        a.type === 'notify' && a.webhook
          ? [{ path: `actions.${i}.webhook.url`, url: a.webhook.url }]
          : [],
      ),
      deps.allowHosts,
    );

  /** `createKey` (a form's one-time key) makes a repeated create return the first rule. */
  async function create(
    workspaceId: Types.ObjectId,
    data: RuleData,
    isDefault = false,
    createKey?: string,
  ): Promise<RuleView> {
    checkWebhookUrls(data.actions);
    let doc;
    try {
      doc = await Rules.create({ workspaceId, ...data, isDefault, createKey });
    } catch (err) {
      if (!createKey || !isDuplicateKey(err)) throw err;
      // A repeated create (same createKey) answers the first rule and records nothing new.
      const first = await Rules.findOne({ workspaceId, createKey }).lean<RuleDoc>();
      if (!first) throw err;
      return toView(first);
    }
    const created = toView(doc.toObject() as RuleDoc);
    await audit.record({
      workspaceId,
      action: 'rule.created',
      target: { type: 'rule', id: created.id },
      before: null,
      after: { ...created },
    });
    return created;
  }

  return {
    async list(workspaceId: Types.ObjectId): Promise<RuleView[]> {
      const docs = await Rules.find({ workspaceId })
        .sort({ priority: 1, createdAt: 1, _id: 1 })
        .lean<RuleDoc[]>();
      return docs.map(toView);
    },

    async get(workspaceId: Types.ObjectId, id: string): Promise<RuleView> {
      const doc = await Rules.findOne({ _id: id, workspaceId }).lean<RuleDoc>();
      if (!doc) throw AppError.notFound('Rule not found.');
      return toView(doc);
    },

    create,

    async update(workspaceId: Types.ObjectId, id: string, patch: RulePatchData): Promise<RuleView> {
      checkWebhookUrls(patch.actions);
      const before = await Rules.findOneAndUpdate(
        { _id: id, workspaceId },
        { $set: patch },
        { returnDocument: 'before' },
      ).lean<RuleDoc>();
      if (!before) throw AppError.notFound('Rule not found.');
      const doc = await Rules.findOne({ _id: id, workspaceId }).lean<RuleDoc>();
      if (!doc) throw AppError.notFound('Rule not found.');
      const after = toView(doc);
      await audit.record({
        workspaceId,
        action: 'rule.updated',
        target: { type: 'rule', id: after.id },
        before: { ...toView(before) },
        after: { ...after },
      });
      return after;
    },

    /** Moves a rule one place up or down the priority order (see moveRule). */
    async move(
      workspaceId: Types.ObjectId,
      id: string,
      direction: 'up' | 'down',
      expectedIndex?: number,
    ): Promise<void> {
      const ordered = await Rules.find({ workspaceId })
        .sort({ priority: 1, createdAt: 1, _id: 1 })
        .select({ priority: 1 })
        .lean<{ _id: Types.ObjectId; priority: number }[]>();
      const changes = moveRule(
        ordered.map((r) => ({ id: String(r._id), priority: r.priority })),
        id,
        direction,
        expectedIndex,
      );
      if (changes.length === 0) return;
      await Rules.bulkWrite(
        changes.map((c) => ({
          updateOne: {
            filter: { _id: c.id, workspaceId },
            update: { $set: { priority: c.priority } },
          },
        })),
      );
      await audit.record({
        workspaceId,
        action: 'rule.moved',
        target: { type: 'rule', id },
        details: { direction, priorities: changes },
      });
    },

    /**
     * Fills each empty webhook secret of `actions` with the one the stored rule has for the same
     * URL (the console never shows a secret, so an edit that leaves it empty keeps it).
     */
    async keepWebhookSecrets<
      A extends { type?: unknown; webhook?: { url?: unknown; secret?: unknown } },
    >(workspaceId: Types.ObjectId, id: string, actions: A[]): Promise<A[]> {
      const doc = await Rules.findOne({ _id: id, workspaceId }).lean<RuleDoc>();
      const stored = ((doc?.actions ?? []) as RuleAction[]).flatMap((a) =>
        a.type === 'notify' && a.webhook ? [a.webhook] : [],
      );
      return actions.map((a) => {
        if (a.type !== 'notify' || !a.webhook || a.webhook.secret !== '') return a;
        const same = stored.find((w) => w.url === a.webhook!.url);
        return same ? { ...a, webhook: { ...a.webhook, secret: same.secret } } : a;
      });
    },

    /** Attribute names seen in recent answers (segment) and contacts, for the rule builder. */
    async attributeNames(
      workspaceId: Types.ObjectId,
    ): Promise<{ answer: string[]; contact: string[] }> {
      const [answers, contacts] = await Promise.all([
        Responses.find({ workspaceId })
          .sort({ answeredAt: -1, _id: -1 })
          .limit(ATTRIBUTE_SAMPLE)
          .select({ 'segment.attributes': 1 })
          .lean<{ segment?: { attributes?: unknown } }[]>(),
        Contacts.find({ workspaceId })
          .sort({ _id: -1 })
          .limit(ATTRIBUTE_SAMPLE)
          .select({ attributes: 1 })
          .lean<{ attributes?: unknown }[]>(),
      ]);
      return {
        answer: namesOf(answers.map((r) => r.segment?.attributes)),
        contact: namesOf(contacts.map((c) => c.attributes)),
      };
    },

    /**
     * A draft rule against the workspace's latest answers, changing nothing: the answers it
     * matches with the actions it would plan, through the rules evaluator. The other active
     * rules take part, so a "stop" before the draft shows as preempting it.
     */
    async dryRunRecent(
      workspaceId: Types.ObjectId,
      draft: RuleData & { id?: string },
      limit = 200,
    ): Promise<{ considered: number; matches: DryRunMatch[] }> {
      const draftId = draft.id ?? 'draft';
      const rule: EvaluableRule = { ...draft, id: draftId, active: true };
      const others = (await activeRules(workspaceId)).filter((r) => r.id !== draftId);
      const responses = await Responses.find({ workspaceId, answeredAt: { $ne: null } })
        .sort({ answeredAt: -1, _id: -1 })
        .limit(limit)
        .lean<(StoredResponse & { answeredAt: Date | null })[]>();
      const contactIds = [...new Set(responses.map((r) => String(r.contactId)))];
      const contacts = await Contacts.find({ workspaceId, _id: { $in: contactIds } }).lean<
        ContactDoc[]
      >();
      const contactOf = new Map(contacts.map((c) => [String(c._id), c]));
      const matches = responses.flatMap((response): DryRunMatch[] => {
        const contact = contactOf.get(String(response.contactId)) ?? null;
        const alone = evaluateStored([rule], response, contact);
        if (alone.matched.length === 0) return [];
        const together = evaluateStored([...others, rule], response, contact);
        const reached = together.matched.some((m) => m.id === draftId);
        const segment = (response.segment ?? {}) as RuleResponse['segment'];
        return [
          {
            responseId: String(response._id),
            answeredAt: response.answeredAt ? response.answeredAt.toISOString() : null,
            surveyType: response.surveyType,
            score: response.score ?? null,
            category: response.category ?? null,
            comment: response.comment ?? null,
            channel: response.channel ?? null,
            locale: response.locale,
            agentName: segment.agentName ?? segment.agentId ?? null,
            team: segment.team ?? null,
            actions: alone.actions.map((a) => ({ ...a, action: redact(a.action) })),
            preemptedBy: reached
              ? null
              : (together.matched.find((m) => m.id === together.stoppedBy)?.name ?? null),
          },
        ];
      });
      return { considered: responses.length, matches };
    },

    async remove(workspaceId: Types.ObjectId, id: string): Promise<void> {
      const gone = await Rules.findOneAndDelete({ _id: id, workspaceId }).lean<RuleDoc>();
      if (!gone) throw AppError.notFound('Rule not found.');
      await audit.record({
        workspaceId,
        action: 'rule.deleted',
        target: { type: 'rule', id },
        before: { ...toView(gone) },
        after: null,
      });
    },

    /** Adds the default rules once (a workspace that has any rule keeps its own). */
    async ensureDefaults(workspaceId: Types.ObjectId): Promise<void> {
      if (await Rules.exists({ workspaceId })) return;
      // Upserts by (workspace, defaultKey): two set-ups racing past the check make one copy.
      for (const [i, rule] of DEFAULT_RULES.entries()) {
        await Rules.updateOne(
          { workspaceId, defaultKey: `default-${i + 1}` },
          { $setOnInsert: { ...ruleInput.parse(rule), isDefault: true } },
          { upsert: true },
        ).catch((err: unknown) => {
          if (!isDuplicateKey(err)) throw err;
        });
      }
    },

    /** What would happen, changing nothing; for a stored response, which actions already ran. */
    async dryRun(workspaceId: Types.ObjectId, input: DryRunInput) {
      const rules = input.rules
        ? input.rules.map((r, i) => ({ ...r, id: r.id ?? `posted-${i + 1}` }))
        : await activeRules(workspaceId);
      let evaluation: Evaluation;
      let logs: ActionLogDoc[] = [];
      if (input.responseId) {
        const loaded = await loadResponse(workspaceId, input.responseId);
        if (!loaded) throw AppError.notFound('Response not found.');
        evaluation = evaluateStored(rules, loaded.response, loaded.contact);
        logs = await Logs.find({ workspaceId, responseId: loaded.response._id }).lean<
          ActionLogDoc[]
        >();
      } else {
        evaluation = evaluateRules(
          rules,
          factsOf(postedToRuleResponse(input.response!), input.response!.contact ?? null),
        );
      }
      return {
        matched: evaluation.matched,
        stoppedBy: evaluation.stoppedBy,
        actions: evaluation.actions.map((a) => {
          const log = logs.find((l) => l.ruleId === a.ruleId && l.actionIndex === a.index);
          return { ...a, action: redact(a.action), alreadyRun: log ? log.status : null };
        }),
      };
    },

    /**
     * The rules worker's use case, whatever version the job was queued for: the rules see the
     * response as stored now, and each matching action without an action log entry runs once.
     */
    async processResponse(
      workspaceId: Types.ObjectId,
      responseId: string,
    ): Promise<{ evaluation: Evaluation; outcomes: RunOutcome[] } | null> {
      const loaded = await loadResponse(workspaceId, responseId);
      if (!loaded) return null;
      const evaluation = evaluateStored(
        await activeRules(workspaceId),
        loaded.response,
        loaded.contact,
      );
      const outcomes: RunOutcome[] = [];
      for (const planned of evaluation.actions) {
        outcomes.push(await runAction(deps, workspaceId, loaded.response, loaded.contact, planned));
      }
      return { evaluation, outcomes };
    },

    /** Whether an active rule with a create_task action matches (the thank-you page's promise). */
    async willFollowUp(response: ResponseView): Promise<boolean> {
      const rules = await promiseRules(response.workspaceId, () =>
        activeRules(new Types.ObjectId(response.workspaceId)),
      );
      const facts = factsOf(
        {
          surveyType: response.type,
          score: response.score,
          category: response.category,
          comment: response.comment,
          channel: response.channel,
          source: response.source,
          locale: response.locale,
          version: response.version,
          segment: response.segment,
          history: response.history,
        },
        null,
      );
      const { matched } = evaluateRules(rules, facts);
      return matched.some((m) =>
        rules.find((r) => r.id === m.id)?.actions.some((a) => a.type === 'create_task'),
      );
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;

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
import { evaluateRules, type EvaluableRule, type Evaluation } from './evaluate-rules';
import { factsOf, type RuleResponse } from './rule-fields';
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

  async function create(
    workspaceId: Types.ObjectId,
    data: RuleData,
    isDefault = false,
  ): Promise<RuleView> {
    checkWebhookUrls(data.actions);
    const doc = await Rules.create({ workspaceId, ...data, isDefault });
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
      const rules = await activeRules(new Types.ObjectId(response.workspaceId));
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

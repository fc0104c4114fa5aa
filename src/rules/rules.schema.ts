import { z } from 'zod';
import { localeKeyed } from '../shared/locale-field';
import { CHANNELS } from '../channels/channel';
import { isOnScale, type ScaleSpec } from '../responses/score-category';
import { templateProblem } from '../shared/text-templates';
import { conditionSchema } from '../conditions';
import { whatsappContentInput } from '../surveys/surveys.schema';
import { TASK_PRIORITIES } from '../tasks';
import { isRuleField } from './rule-fields';

const text = (max: number) => z.string().trim().min(1).max(max);
/** A handlebars text, rendered against sample data on save so it cannot fail when sent. */
const templateText = (max: number) =>
  text(max).superRefine((value, ctx) => {
    const problem = templateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `is not a usable template: ${problem}` });
  });
/** A handlebars text, one string or one per BCP-47 locale (`{ "es": "…", "pt-BR": "…" }`). */
const localizedText = (max: number) => z.union([templateText(max), localeKeyed(templateText(max))]);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm');
export const USER_ROLES = ['admin', 'manager', 'agent'] as const;

export const ASSIGN_STRATEGIES = [
  'interaction_agent',
  'round_robin',
  'least_loaded',
  'user',
  'team_queue',
] as const;

const assignment = z
  .object({
    strategy: z.enum(ASSIGN_STRATEGIES),
    /** The team for round_robin / least_loaded / team_queue; default: the interaction's team. */
    team: text(100).optional(),
    /** user: a user id or email. */
    user: text(200).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.strategy === 'user' && !a.user) {
      ctx.addIssue({ code: 'custom', path: ['user'], message: 'is required for strategy "user"' });
    }
  });

export const createTaskAction = z
  .object({
    type: z.literal('create_task'),
    assign: assignment.default({ strategy: 'interaction_agent' }),
    priority: z.enum(TASK_PRIORITIES).default('normal'),
    sla: z
      .object({
        businessHours: z
          .number()
          .positive()
          .max(24 * 365),
        workingDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
        start: hhmm.optional(),
        end: hhmm.optional(),
      })
      .strict()
      .default({ businessHours: 24 }),
    title: text(200).optional(),
  })
  .strict();

export const sendMessageAction = z
  .object({
    type: z.literal('send_message'),
    /** Default: the channel the survey was answered from (sms, whatsapp or email). */
    channel: z.enum(CHANNELS).optional(),
    text: localizedText(1600),
    subject: localizedText(200).optional(),
    /** Name of a reward-code pool; {{rewardCode}} in the text then holds one unused code. */
    rewardPool: text(100).optional(),
    /**
     * WhatsApp outside the 24-hour window takes approved templates only: one per locale, as on
     * surveys. Without one for the customer's locale the message is skipped there.
     */
    whatsappContent: whatsappContentInput.optional(),
  })
  .strict();

export const notifyAction = z
  .object({
    type: z.literal('notify'),
    email: z
      .object({
        users: z.array(text(200)).max(50).default([]),
        roles: z.array(z.enum(USER_ROLES)).max(3).default([]),
        /** Also the managers of the response's team. */
        teamManagers: z.boolean().default(false),
        subject: templateText(200).optional(),
      })
      .strict()
      .optional(),
    webhook: z
      .object({
        url: z.url({ protocol: /^https?$/ }),
        secret: z.string().min(16, 'must be at least 16 characters').max(200),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (!a.email === !a.webhook) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of "email" or "webhook"' });
    }
  });

export const tagAction = z
  .object({
    type: z.literal('tag'),
    tags: z.array(z.string().trim().min(1).max(50)).min(1).max(20),
  })
  .strict();

export const ruleAction = z
  .discriminatedUnion('type', [createTaskAction, sendMessageAction, notifyAction, tagAction])
  .meta({ id: 'RuleAction' });
export type RuleAction = z.output<typeof ruleAction>;
export type CreateTaskAction = z.output<typeof createTaskAction>;
export type SendMessageAction = z.output<typeof sendMessageAction>;
export type NotifyAction = z.output<typeof notifyAction>;
export type TagAction = z.output<typeof tagAction>;

const fields = {
  name: text(120),
  priority: z.number().int().min(0).max(10_000),
  active: z.boolean(),
  conditions: conditionSchema(isRuleField).nullable(),
  actions: z.array(ruleAction).max(10),
  stop: z.boolean(),
};

export const ruleInput = z
  .object({
    ...fields,
    priority: fields.priority.default(100),
    active: fields.active.default(true),
    conditions: fields.conditions.default(null),
    stop: fields.stop.default(false),
  })
  .strict();
export type RuleInput = z.input<typeof ruleInput>;
export type RuleData = z.output<typeof ruleInput>;

export const rulePatch = z.object(fields).partial().strict();
export type RulePatchData = z.output<typeof rulePatch>;

const objectId = z.string().regex(/^[0-9a-fA-F]{24}$/, 'must be an id');

/** The scale of each survey type when a dry run posts a response rather than naming one. */
export const POSTED_SCALES = {
  nps: { scale: { min: 0, max: 10 }, direction: 'higher_better' },
  csat: { scale: { min: 1, max: 5 }, direction: 'higher_better' },
  ces: { scale: { min: 1, max: 5 }, direction: 'lower_better' },
} as const satisfies Record<string, Omit<ScaleSpec, 'type'>>;

/** A response posted to the dry run: the stored fields that rules read. */
const postedResponse = z
  .object({
    type: z.enum(['nps', 'csat', 'ces']),
    score: z.number().nullable(),
    category: z.string().nullable().optional(),
    comment: z.string().max(5000).nullable().default(null),
    channel: z.string().nullable().default(null),
    source: z.string().default('web'),
    locale: z.string().default('en'),
    tags: z.array(z.string()).default([]),
    previous: z
      .object({ score: z.number().nullable(), comment: z.string().nullable().default(null) })
      .strict()
      .optional(),
    segment: z.record(z.string(), z.unknown()).default({}),
    contact: z
      .object({
        locale: z.string().nullable().optional(),
        attributes: z.record(z.string(), z.unknown()).default({}),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    // The category is computed from the score: an off-scale score has none.
    const spec = { type: p.type, ...POSTED_SCALES[p.type] };
    const scores: [number | null, string[]][] = [[p.score, ['score']]];
    if (p.previous) scores.push([p.previous.score, ['previous', 'score']]);
    for (const [score, path] of scores) {
      if (score !== null && !isOnScale(spec, score)) {
        const { min, max } = spec.scale;
        ctx.addIssue({ code: 'custom', path, message: `must be an integer from ${min} to ${max}` });
      }
    }
  });
export type PostedResponse = z.output<typeof postedResponse>;

export const dryRunInput = z
  .object({
    /** Evaluate these rules instead of the workspace's stored active rules. */
    rules: z
      .array(ruleInput.extend({ id: z.string().max(100).optional() }))
      .max(100)
      .optional(),
    responseId: objectId.optional(),
    response: postedResponse.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (!d.responseId === !d.response) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of "responseId" or "response"' });
    }
  });
export type DryRunInput = z.output<typeof dryRunInput>;

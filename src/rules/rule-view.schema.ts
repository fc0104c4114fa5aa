import { z } from 'zod';
import { type Fits, idString, isoDateTime } from '../shared/view-schema';
import {
  createTaskAction,
  notifyAction,
  rulePatch,
  sendMessageAction,
  tagAction,
} from './rules.schema';
import type { RuleView } from './rules.service';

const notifyWebhook = notifyAction.shape.webhook.unwrap();

/** An action as read back: as it was written, but a webhook's secret shows as "********". */
export const ruleActionView = z
  .discriminatedUnion('type', [
    createTaskAction,
    sendMessageAction,
    z.strictObject({
      ...notifyAction.shape,
      webhook: notifyWebhook.extend({ secret: z.literal('********') }).optional(),
    }),
    tagAction,
  ])
  .meta({ id: 'RuleActionView' });

export const ruleView = z
  .strictObject({
    id: idString,
    name: z.string(),
    priority: z.number().int(),
    active: z.boolean(),
    conditions: rulePatch.shape.conditions.unwrap(),
    actions: z.array(ruleActionView),
    stop: z.boolean(),
    isDefault: z.boolean(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Rule' });
export const ruleList = z.strictObject({ rules: z.array(ruleView) });

const ruleMatch = z.strictObject({
  id: z.string(),
  name: z.string(),
  priority: z.number().int(),
  stop: z.boolean(),
});

export const dryRunResult = z.strictObject({
  matched: z.array(ruleMatch),
  stoppedBy: z.string().nullable(),
  actions: z.array(
    z.strictObject({
      ruleId: z.string(),
      ruleName: z.string(),
      index: z.number().int(),
      action: ruleActionView,
      alreadyRun: z
        .string()
        .nullable()
        .meta({ description: "The action log's status when it already ran for this response" }),
    }),
  ),
});

export const rewardStock = z.strictObject({
  pool: z.string().meta({ example: 'promoter-coupons' }),
  remaining: z.number().int(),
  used: z.number().int(),
});
export const rewardCodesAdded = rewardStock.extend({ added: z.number().int() });

/** RuleView types its actions as written; the redaction is checked by the response test. */
type ReadRule = Omit<RuleView, 'actions'> & { actions: z.input<typeof ruleActionView>[] };
export const ruleViewFits: Fits<ReadRule, typeof ruleView> = true;

import { createRewardCodes } from './reward-codes';
import type { ActionDeps } from './actions/action-context';
import { deliverMessage, type MessageJob } from './actions/send-message';
import { deliverWebhook, type WebhookJob } from './actions/webhook';
import { createRulesService } from './rules.service';

export { rulesRoutes } from './rules.routes';
export { rulePagesRoutes } from './rule-pages.routes';
export { rewardPoolsRoutes } from './reward-pools.routes';
export {
  evaluateRules,
  type Evaluation,
  type EvaluableRule,
  type PlannedAction,
} from './evaluate-rules';
export { factsOf, isRuleField, type RuleFacts } from './rule-fields';
export { DEFAULT_RULES } from './default-rules';
export { messageJob } from './actions/send-message';
export { webhookJob } from './actions/webhook';
export { DEFAULT_RULES_OPTIONS, type RulesOptions } from './actions/action-context';
export type { RuleView, RulesService } from './rules.service';

/** The rules service plus the two delivery steps the 'rule-messages' and 'webhooks' workers run. */
export function createRulesComponent(deps: Omit<ActionDeps, 'rewards'>) {
  const full: ActionDeps = { ...deps, rewards: createRewardCodes(deps.conn) };
  const service = createRulesService(full);
  return {
    ...service,
    rewards: full.rewards,
    deliverMessage: (job: MessageJob) => deliverMessage(full, job),
    deliverWebhook: (job: WebhookJob, attempt: number, isLast: boolean) =>
      deliverWebhook(full, job, attempt, isLast),
  };
}
export type RulesComponent = ReturnType<typeof createRulesComponent>;
export { rewardPoolsPageRoutes } from './reward-pools-page.routes';

import { evaluateCondition, type Condition } from '../conditions';
import type { RuleFacts } from './rule-fields';
import type { RuleAction } from './rules.schema';

export interface EvaluableRule {
  id: string;
  name: string;
  /** Lower runs first; ties keep the given order. */
  priority: number;
  active: boolean;
  conditions: Condition | null;
  actions: RuleAction[];
  stop: boolean;
}

export interface PlannedAction {
  ruleId: string;
  ruleName: string;
  /** Position in the rule's actions: with the response and rule, the action log's key. */
  index: number;
  action: RuleAction;
}

export interface RuleMatch {
  id: string;
  name: string;
  priority: number;
  stop: boolean;
}

export interface Evaluation {
  matched: RuleMatch[];
  actions: PlannedAction[];
  /** The rule whose `stop` ended the evaluation, if any. */
  stoppedBy: string | null;
}

/**
 * Which active rules match the facts, in priority order, and every action they plan; pure.
 * A rule with `stop` ends the evaluation once it matches. Whether an action already ran for an
 * earlier version of the answer is not decided here: the action log (one entry per response,
 * rule and action) keeps each action to one run, whatever states the worker saw before.
 */
export function evaluateRules(rules: readonly EvaluableRule[], facts: RuleFacts): Evaluation {
  const ordered = rules
    .map((rule, position) => ({ rule, position }))
    .filter(({ rule }) => rule.active)
    .sort((a, b) => a.rule.priority - b.rule.priority || a.position - b.position)
    .map(({ rule }) => rule);

  const evaluation: Evaluation = { matched: [], actions: [], stoppedBy: null };
  for (const rule of ordered) {
    if (!holds(rule, facts)) continue;
    evaluation.matched.push({
      id: rule.id,
      name: rule.name,
      priority: rule.priority,
      stop: rule.stop,
    });
    rule.actions.forEach((action, index) =>
      evaluation.actions.push({ ruleId: rule.id, ruleName: rule.name, index, action }),
    );
    if (rule.stop) {
      evaluation.stoppedBy = rule.id;
      break;
    }
  }
  return evaluation;
}

function holds(rule: EvaluableRule, facts: RuleFacts): boolean {
  return rule.conditions === null || evaluateCondition(rule.conditions, { ...facts });
}

import type { Condition } from '../../src/conditions';
import { evaluateRules, type EvaluableRule } from '../../src/rules/evaluate-rules';
import { factsOf, type RuleResponse } from '../../src/rules/rule-fields';

const response = (over: Partial<RuleResponse> = {}): RuleResponse => ({
  surveyType: 'nps',
  score: 3,
  category: 'detractor',
  comment: 'Arrêt du service, très déçu',
  channel: 'sms',
  source: 'web',
  locale: 'fr',
  version: 1,
  segment: {
    agentId: 'a-1',
    team: 'Support',
    product: 'Pro',
    region: 'FR',
    revenue: 1200,
    attributes: { tier: 'gold' },
  },
  history: [{ score: 3, category: 'detractor', comment: null }],
  ...over,
});
const facts = (over: Partial<RuleResponse> = {}) =>
  factsOf(response(over), { locale: 'fr', attributes: { vip: true } });

let n = 0;
const rule = (conditions: Condition | null, over: Partial<EvaluableRule> = {}): EvaluableRule => ({
  id: `r${++n}`,
  name: `rule ${n}`,
  priority: 100,
  active: true,
  conditions,
  actions: [{ type: 'tag', tags: [`t${n}`] }],
  stop: false,
  ...over,
});
const matches = (condition: Condition, over: Partial<RuleResponse> = {}) => {
  return evaluateRules([rule(condition)], facts(over)).matched.length === 1;
};

describe('evaluateRules operators over response facts', () => {
  it.each<[string, Condition, boolean]>([
    ['eq', { field: 'category', op: 'eq', value: 'detractor' }, true],
    ['neq', { field: 'channel', op: 'neq', value: 'sms' }, false],
    ['in', { field: 'team', op: 'in', value: ['Support', 'Sales'] }, true],
    ['nin', { field: 'region', op: 'nin', value: ['FR'] }, false],
    ['lt', { field: 'score', op: 'lt', value: 4 }, true],
    ['lte', { field: 'score', op: 'lte', value: 3 }, true],
    ['gt', { field: 'revenue', op: 'gt', value: 1000 }, true],
    ['gte', { field: 'score', op: 'gte', value: 4 }, false],
    ['between', { field: 'score', op: 'between', value: [0, 6] }, true],
    ['contains folds case and accents', { field: 'comment', op: 'contains', value: 'ARRET' }, true],
    ['matches', { field: 'comment', op: 'matches', value: '^arr.t' }, true],
    ['exists', { field: 'hasComment', op: 'eq', value: true }, true],
    ['exists false', { field: 'reason', op: 'exists', value: false }, true],
    ['segment attribute', { field: 'attributes.tier', op: 'eq', value: 'gold' }, true],
    ['contact attribute', { field: 'contact.attributes.vip', op: 'eq', value: true }, true],
    ['first answer', { field: 'isFirstAnswer', op: 'eq', value: true }, true],
    [
      'nested all/any',
      {
        all: [
          { field: 'surveyType', op: 'eq', value: 'nps' },
          {
            any: [
              { field: 'team', op: 'eq', value: 'Sales' },
              { all: [{ field: 'product', op: 'eq', value: 'Pro' }] },
            ],
          },
        ],
      },
      true,
    ],
    ['empty any is false', { any: [] }, false],
  ])('%s', (_name, condition, expected) => {
    expect(matches(condition)).toBe(expected);
  });
});

describe('evaluateRules priority, stop and changed answers', () => {
  it('when rules have priorities, then they match and plan actions lowest priority first', () => {
    const late = rule(null, { priority: 50 });
    const early = rule(null, { priority: 5 });
    const result = evaluateRules([late, early], facts());
    expect(result.matched.map((m) => m.id)).toEqual([early.id, late.id]);
    expect(result.actions.map((a) => [a.ruleId, a.index])).toEqual([
      [early.id, 0],
      [late.id, 0],
    ]);
  });

  it('when a matching rule has stop, then no lower-priority rule runs; a non-matching stop rule stops nothing', () => {
    const stopper = rule({ field: 'score', op: 'lte', value: 6 }, { priority: 1, stop: true });
    const idle = rule({ field: 'score', op: 'gte', value: 9 }, { priority: 0, stop: true });
    const after = rule(null, { priority: 2 });
    const result = evaluateRules([after, stopper, idle], facts());
    expect(result.matched.map((m) => m.id)).toEqual([stopper.id]);
    expect(result.stoppedBy).toBe(stopper.id);
  });

  it('when a rule is inactive, then it never matches', () => {
    expect(evaluateRules([rule(null, { active: false })], facts()).matched).toEqual([]);
  });

  it('when an answer changed from passive to detractor, then every rule matching it now plans its actions (the action log keeps each to one run)', () => {
    const detractor = rule({ field: 'category', op: 'eq', value: 'detractor' });
    const anyNps = rule({ field: 'surveyType', op: 'eq', value: 'nps' });
    const wasPassive = rule({ field: 'previousCategory', op: 'eq', value: 'passive' });
    const promoter = rule({ field: 'category', op: 'eq', value: 'promoter' });
    const now = facts({
      version: 2,
      history: [
        { score: 7, category: 'passive', comment: null },
        { score: 3, category: 'detractor', comment: null },
      ],
    });
    expect(now.isChangedAnswer).toBe(true);
    expect(now.previousCategory).toBe('passive');
    const result = evaluateRules([detractor, anyNps, wasPassive, promoter], now);
    expect(result.matched.map((m) => m.id)).toEqual([detractor.id, anyNps.id, wasPassive.id]);
    expect(result.actions.map((a) => a.ruleId)).toEqual([detractor.id, anyNps.id, wasPassive.id]);
  });

  it('when a stop rule matched the previous version but not this one, then it stops nothing now', () => {
    const stopPromoters = rule(
      { field: 'category', op: 'eq', value: 'promoter' },
      { priority: 1, stop: true },
    );
    const detractor = rule({ field: 'category', op: 'eq', value: 'detractor' }, { priority: 2 });
    const now = facts({
      version: 2,
      history: [
        { score: 10, category: 'promoter', comment: null },
        { score: 3, category: 'detractor', comment: null },
      ],
    });
    const result = evaluateRules([detractor, stopPromoters], now);
    expect(result.stoppedBy).toBeNull();
    expect(result.actions.map((a) => a.ruleId)).toEqual([detractor.id]);
  });
});

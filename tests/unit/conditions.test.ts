import fc from 'fast-check';
import {
  type Condition,
  compileSafePattern,
  evaluateCondition,
  hasRiskyRepetition,
  type Predicate,
} from '../../src/conditions';

const facts: Record<string, unknown> = {
  score: 3,
  category: 'detractor',
  comment: 'Le remboursement a été TRÈS lent',
  hasComment: true,
  revenue: '1200',
  answeredAt: '2026-11-20T10:00:00Z',
  createdAt: new Date('2026-11-20T09:00:00Z'),
  tags: ['Facturation', 'vip'],
  region: null,
  attributes: { region: 'FR', tier: 'gold', empty: '' },
  customer: { locale: 'fr' },
};

const p = (field: string, op: Predicate['op'], value?: unknown): Predicate =>
  value === undefined ? { field, op } : { field, op, value };

describe('evaluateCondition: operators', () => {
  it.each<[string, Predicate, boolean]>([
    ['eq on a number', p('score', 'eq', 3), true],
    ['eq on a different number', p('score', 'eq', 4), false],
    ['eq on a string', p('category', 'eq', 'detractor'), true],
    ['eq is case-sensitive', p('category', 'eq', 'Detractor'), false],
    ['eq on a dotted path', p('attributes.region', 'eq', 'FR'), true],
    ['eq on a boolean', p('hasComment', 'eq', true), true],
    ['eq on a numeric string', p('revenue', 'eq', 1200), true],
    ['eq on dates in two notations', p('answeredAt', 'eq', '2026-11-20T11:00:00+01:00'), true],
    ['eq on a Date fact', p('createdAt', 'eq', '2026-11-20T09:00:00.000Z'), true],
    ['eq on a missing field', p('attributes.product', 'eq', 'x'), false],
    ['eq on a null field', p('region', 'eq', 'FR'), false],
    ['neq', p('category', 'neq', 'promoter'), true],
    ['neq on an equal value', p('category', 'neq', 'detractor'), false],
    ['neq on a missing field is true', p('attributes.product', 'neq', 'x'), true],
    ['in', p('score', 'in', [0, 1, 2, 3]), true],
    ['in, not listed', p('score', 'in', [9, 10]), false],
    ['in with an array fact and a common item', p('tags', 'in', ['vip', 'press']), true],
    ['in with an array fact and no common item', p('tags', 'in', ['press']), false],
    ['in on a missing field', p('nothing', 'in', ['x']), false],
    ['nin', p('attributes.tier', 'nin', ['silver', 'bronze']), true],
    ['nin, listed', p('attributes.tier', 'nin', ['gold']), false],
    ['nin on a missing field is true', p('nothing', 'nin', ['x']), true],
    ['lt', p('score', 'lt', 4), true],
    ['lt on an equal value', p('score', 'lt', 3), false],
    ['lte on an equal value', p('score', 'lte', 3), true],
    ['gt', p('score', 'gt', 2), true],
    ['gt on an equal value', p('score', 'gt', 3), false],
    ['gte on an equal value', p('score', 'gte', 3), true],
    ['gt on a numeric string fact', p('revenue', 'gt', 1000), true],
    ['gt on a non-numeric string', p('category', 'gt', 1), false],
    ['lt on dates', p('answeredAt', 'lt', '2026-12-01'), true],
    ['gt on dates', p('answeredAt', 'gt', '2026-11-20T10:00:00Z'), false],
    ['gte on a Date fact', p('createdAt', 'gte', '2026-11-20'), true],
    ['lt on a missing field', p('nothing', 'lt', 5), false],
    ['between, inside', p('score', 'between', [0, 6]), true],
    ['between, at the low bound', p('score', 'between', [3, 6]), true],
    ['between, at the high bound', p('score', 'between', [0, 3]), true],
    ['between, outside', p('score', 'between', [7, 8]), false],
    ['between dates', p('answeredAt', 'between', ['2026-11-01', '2026-11-30']), true],
    ['between on a missing field', p('nothing', 'between', [0, 10]), false],
    ['contains, accent- and case-insensitive', p('comment', 'contains', 'tres LENT'), true],
    ['contains, accented needle', p('comment', 'contains', 'remboursement a ÉTÉ'), true],
    ['contains, absent', p('comment', 'contains', 'rapide'), false],
    ['contains on an array: membership', p('tags', 'contains', 'facturation'), true],
    ['contains on an array: no partial match', p('tags', 'contains', 'factur'), false],
    ['contains on a number fact', p('score', 'contains', '3'), false],
    ['contains on a missing field', p('nothing', 'contains', 'x'), false],
    ['matches', p('comment', 'matches', '^le\\s+rembours'), true],
    ['matches is case-insensitive', p('attributes.tier', 'matches', '^GOLD$'), true],
    ['matches, no match', p('comment', 'matches', '^rapide'), false],
    ['matches with an unsafe pattern never matches', p('comment', 'matches', '(e+)+'), false],
    ['matches with an invalid pattern never matches', p('comment', 'matches', '(unclosed'), false],
    ['matches on a missing field', p('nothing', 'matches', '.*'), false],
    ['exists', p('attributes.tier', 'exists', true), true],
    ['exists on an empty string', p('attributes.empty', 'exists', true), true],
    ['exists on a missing field', p('nothing', 'exists', true), false],
    ['exists on a null field', p('region', 'exists', true), false],
    ['exists: false on a missing field', p('nothing', 'exists', false), true],
    ['exists: false on a present field', p('score', 'exists', false), false],
    ['a path through a scalar', p('score.value', 'exists', true), false],
    ['a path into the prototype', p('attributes.constructor', 'exists', true), false],
    ['a path to __proto__', p('__proto__', 'exists', true), false],
    ['an array index', p('tags.1', 'eq', 'vip'), true],
  ])('when %s, then %p', (_case, predicate, expected) => {
    expect(evaluateCondition(predicate, facts)).toBe(expected);
  });
});

describe('evaluateCondition: groups', () => {
  const yes = p('score', 'eq', 3);
  const no = p('score', 'eq', 9);
  it.each<[string, Condition, boolean]>([
    ['empty all', { all: [] }, true],
    ['empty any', { any: [] }, false],
    ['all true', { all: [yes, yes] }, true],
    ['all with one false', { all: [yes, no] }, false],
    ['any with one true', { any: [no, yes] }, true],
    ['any all false', { any: [no, no] }, false],
    ['nested: detractor and (FR or gold)', { all: [yes, { any: [no, { all: [yes] }] }] }, true],
    ['nested: any of failing alls', { any: [{ all: [yes, no] }, { all: [no] }] }, false],
  ])('when %s, then %p', (_case, condition, expected) => {
    expect(evaluateCondition(condition, facts)).toBe(expected);
  });
});

describe('hasRiskyRepetition', () => {
  it.each<[string, boolean]>([
    ['(a+)+', true],
    ['(a*)*', true],
    ['(a|ab)+', true],
    ['(a|a)*', true],
    ['(\\d+)*$', true],
    ['((ab)*)+', true],
    ['(?:x?y?)+', true],
    ['(.*a){3,}', true],
    ['(a)\\1', true],
    ['(?<w>a)\\k<w>', true],
    ['^refund.*late$', false],
    ['rembours|refund', false],
    ['(ab)+', false],
    ['(\\d{3})+', false],
    ['[a-z]+@[a-z]+\\.com', false],
    ['(a+)?', false],
    ['\\(a+\\)+', false],
    ['[(a+)]+', false],
    ['(?:non|pas) (?:satisfait|content)', false],
  ])('when the pattern is %p, then risky is %p', (pattern, risky) => {
    expect(hasRiskyRepetition(pattern)).toBe(risky);
  });

  it('when a pattern is longer than 200 characters, then it is not compiled', () => {
    expect(compileSafePattern('a'.repeat(200))).not.toBeNull();
    expect(compileSafePattern('a'.repeat(201))).toBeNull();
  });

  it('when a pattern has a quantified group that repeats a quantifier (the ReDoS shape), then it is refused', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a', '\\w', '.', '[a-z]', '\\d'),
        fc.constantFrom('+', '*', '{1,}', '{2,5}'),
        fc.constantFrom('+', '*', '{1,}'),
        (atom, inner, outer) => {
          expect(compileSafePattern(`^(${atom}${inner})${outer}$`)).toBeNull();
        },
      ),
    );
  });
});

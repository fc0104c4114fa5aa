import { z } from 'zod';
import { condition, conditionSchema } from '../../src/conditions';

const ruleInput = z.object({
  conditions: conditionSchema((field) => ['score', 'comment', 'answeredAt'].includes(field)),
});

function problems(conditions: unknown): string[] {
  const result = ruleInput.safeParse({ conditions });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('condition schema', () => {
  it.each<[string, unknown]>([
    ['a predicate', { field: 'score', op: 'lte', value: 6 }],
    ['nested groups', { all: [{ any: [{ field: 'score', op: 'eq', value: 0 }] }, { all: [] }] }],
    ['in with a list', { field: 'score', op: 'in', value: [9, 10] }],
    ['between numbers', { field: 'score', op: 'between', value: [0, 6] }],
    ['between dates', { field: 'answeredAt', op: 'between', value: ['2026-01-01', '2026-12-31'] }],
    ['gt on a date', { field: 'answeredAt', op: 'gt', value: '2026-01-01T00:00:00Z' }],
    ['contains', { field: 'comment', op: 'contains', value: 'lent' }],
    ['a safe regex', { field: 'comment', op: 'matches', value: '^(rembours|refund)' }],
    ['exists false', { field: 'comment', op: 'exists', value: false }],
  ])('when %s, then it is accepted unchanged', (_case, input) => {
    expect(ruleInput.parse({ conditions: input })).toEqual({ conditions: input });
  });

  it.each<[string, unknown, string[]]>([
    [
      'an unknown op',
      {
        all: [
          { field: 'score', op: 'eq', value: 1 },
          { field: 'score', op: 'like', value: 1 },
        ],
      },
      ['conditions.all.1.op: '],
    ],
    [
      'an unknown field',
      { any: [{ field: 'agent.salary', op: 'gt', value: 1 }] },
      ['conditions.any.0.field: unknown field "agent.salary"'],
    ],
    [
      'an empty field',
      { field: '', op: 'exists', value: true },
      ['conditions.field: must not be empty'],
    ],
    [
      'a missing op',
      { all: [{ all: [{ field: 'score', value: 1 }] }] },
      ['conditions.all.0.all.0.op: is required'],
    ],
    ['a missing field', { op: 'eq', value: 1 }, ['conditions.field: is required']],
    [
      'in without a list',
      { field: 'score', op: 'in', value: 9 },
      ['conditions.value: must be an array'],
    ],
    [
      'nin with objects',
      { field: 'score', op: 'nin', value: [{}] },
      ['conditions.value: must be an array'],
    ],
    [
      'lt on a word',
      { field: 'score', op: 'lt', value: 'high' },
      ['conditions.value: must be a number or an ISO date'],
    ],
    [
      'gte without a value',
      { field: 'score', op: 'gte' },
      ['conditions.value: must be a number or an ISO date'],
    ],
    [
      'between with one bound',
      { field: 'score', op: 'between', value: [1] },
      ['conditions.value: must be [low, high]'],
    ],
    [
      'between mixing kinds',
      { field: 'score', op: 'between', value: [1, '2026-01-01'] },
      ['conditions.value: must be [low, high]'],
    ],
    [
      'between reversed',
      { field: 'score', op: 'between', value: [6, 0] },
      ['conditions.value: low must not be greater than high'],
    ],
    [
      'eq with an object',
      { field: 'score', op: 'eq', value: { x: 1 } },
      ['conditions.value: must be a string, number or boolean'],
    ],
    [
      'exists with a string',
      { field: 'score', op: 'exists', value: 'yes' },
      ['conditions.value: must be true or false'],
    ],
    [
      'matches with a nested quantifier',
      { field: 'comment', op: 'matches', value: '(a+)+$' },
      ['conditions.value: is refused'],
    ],
    [
      'matches with an invalid regex',
      { field: 'comment', op: 'matches', value: '[' },
      ['conditions.value: is not a valid regular expression'],
    ],
    [
      'matches with a long regex',
      { field: 'comment', op: 'matches', value: 'a'.repeat(201) },
      ['conditions.value: must be a regular expression of 1 to 200'],
    ],
    [
      'all and any together',
      { all: [], any: [] },
      ['conditions: a group has either "all" or "any"'],
    ],
    [
      'a group with a field',
      { all: [], field: 'score' },
      ['conditions: a group ("all" or "any") cannot also have'],
    ],
    ['an empty object', {}, ['conditions: expected { all: [...] }']],
    [
      'an unknown key',
      { field: 'score', op: 'eq', value: 1, negate: true },
      ['conditions: Unrecognized key'],
    ],
    ['all not a list', { all: { field: 'score' } }, ['conditions.all: ']],
    ['not an object', 'score > 6', ['conditions: ']],
  ])('when %s, then it is rejected naming the path', (_case, input, expected) => {
    const found = problems(input);
    expect(found).toHaveLength(expected.length);
    expected.forEach((prefix, i) => expect(found[i]).toContain(prefix));
  });

  it('when two predicates are wrong, then both paths are named', () => {
    expect(
      problems({
        all: [
          { field: 'score', op: 'lt', value: 'x' },
          { field: 'nope', op: 'eq', value: 1 },
        ],
      }),
    ).toEqual([
      'conditions.all.0.value: must be a number or an ISO date',
      'conditions.all.1.field: unknown field "nope"',
    ]);
  });

  it('when no field list is given, then any field is accepted', () => {
    expect(
      condition.safeParse({ field: 'attributes.anything', op: 'exists', value: true }).success,
    ).toBe(true);
  });

  it('when groups nest deeper than 10 levels, then one problem at the top and no recursion', () => {
    let deep: unknown = { field: 'score', op: 'eq', value: 0 };
    for (let i = 0; i < 5000; i++) deep = { any: [deep] };
    expect(problems(deep)).toEqual([
      'conditions: nests all/any groups too deep: at most 10 levels',
    ]);
  });
});

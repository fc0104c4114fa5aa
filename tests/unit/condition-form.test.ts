import {
  applyBuilderEdit,
  condition,
  conditionErrorKey,
  conditionToForm,
  formToCondition,
  parseBuilderEdit,
  parseConditionForm,
  valueFromText,
  type Condition,
  type FieldKind,
} from '../../src/conditions';

const kinds: Record<string, FieldKind> = { score: 'number', hasComment: 'boolean', team: 'text' };
const kindOf = (field: string): FieldKind => kinds[field] ?? 'any';

const nested: Condition = {
  all: [
    { field: 'score', op: 'lte', value: 6 },
    {
      any: [
        { field: 'team', op: 'eq', value: 'Sales' },
        { field: 'attributes.region', op: 'in', value: ['FR', 'BE'] },
        { all: [{ field: 'hasComment', op: 'eq', value: true }] },
      ],
    },
  ],
};

/** The flat body a browser would post for a form tree. */
function bodyOf(c: Condition | null): Record<string, string> {
  const body: Record<string, string> = {};
  const walk = (node: ReturnType<typeof conditionToForm>, prefix: string) => {
    body[`${prefix}[join]`] = node.join;
    node.children.forEach((child, i) => {
      const name = `${prefix}[${i}]`;
      if (child.kind === 'group') walk(child, name);
      else {
        body[`${name}[field]`] = child.field;
        body[`${name}[op]`] = child.op;
        body[`${name}[value]`] = child.value;
      }
    });
  };
  walk(conditionToForm(c), 'conditions');
  return body;
}

describe('condition form ↔ condition tree', () => {
  it('when a nested condition goes to the form and back, then it is the same condition', () => {
    const form = parseConditionForm(bodyOf(nested));
    expect(formToCondition(form, kindOf)).toEqual(nested);
  });

  it('when the form posts rows out of order with gaps, then rows follow their indices', () => {
    const form = parseConditionForm({
      'conditions[join]': 'any',
      'conditions[5][field]': 'team',
      'conditions[5][op]': 'eq',
      'conditions[5][value]': 'B',
      'conditions[1][field]': 'team',
      'conditions[1][op]': 'eq',
      'conditions[1][value]': 'A',
      other: 'ignored',
      'conditions[2][evil]': 'x',
    });
    expect(formToCondition(form, kindOf)).toEqual({
      any: [
        { field: 'team', op: 'eq', value: 'A' },
        { field: 'team', op: 'eq', value: 'B' },
      ],
    });
  });

  it('when no row is left, then the condition is null (every answer)', () => {
    expect(formToCondition(parseConditionForm({ 'conditions[join]': 'all' }), kindOf)).toBeNull();
    expect(conditionToForm(null).children).toEqual([]);
  });

  it('when a stored condition is a bare predicate, then the form shows it in a group of one', () => {
    const form = conditionToForm({ field: 'team', op: 'eq', value: 'A' });
    expect(form.join).toBe('all');
    expect(form.children).toEqual([{ kind: 'predicate', field: 'team', op: 'eq', value: 'A' }]);
  });

  it('when values are typed, then they are read by operator and field kind', () => {
    expect(valueFromText('6', 'eq', 'number')).toBe(6);
    expect(valueFromText('6', 'eq', 'text')).toBe('6');
    expect(valueFromText('true', 'eq', 'boolean')).toBe(true);
    expect(valueFromText('FR, BE,', 'in', 'any')).toEqual(['FR', 'BE']);
    expect(valueFromText('0, 6', 'between', 'number')).toEqual([0, 6]);
    expect(valueFromText('2026-01-01', 'gte', 'any')).toBe('2026-01-01');
    expect(valueFromText('', 'exists', 'any')).toBe(true);
    expect(valueFromText('false', 'exists', 'any')).toBe(false);
    expect(valueFromText(' refund ', 'contains', 'text')).toBe('refund');
  });

  it('when the condition is judged by the schema, then its problem paths map to the form rows', () => {
    const form = parseConditionForm({
      'conditions[0][field]': '',
      'conditions[0][op]': 'eq',
      'conditions[0][value]': 'x',
      'conditions[1][join]': 'any',
      'conditions[1][0][field]': 'score',
      'conditions[1][0][op]': 'between',
      'conditions[1][0][value]': '9',
    });
    const result = condition.safeParse(formToCondition(form, kindOf));
    expect(result.success).toBe(false);
    const keys = result.error!.issues.map((i) =>
      conditionErrorKey(['conditions', ...i.path].join('.')),
    );
    expect(keys.sort()).toEqual(['0:field', '1.0:value']);
    expect(conditionErrorKey('conditions')).toBe(':group');
    expect(conditionErrorKey('name')).toBeNull();
  });
});

describe('builder buttons', () => {
  const form = () => parseConditionForm(bodyOf(nested));

  it('when "add condition" names a group, then an empty row is added at its end', () => {
    const edit = parseBuilderEdit('add-condition:1')!;
    const next = applyBuilderEdit(form(), edit);
    const group = next.children[1]!;
    expect(group.kind === 'group' && group.children.length).toBe(4);
    expect(group.kind === 'group' && group.children[3]).toEqual({
      kind: 'predicate',
      field: '',
      op: 'eq',
      value: '',
    });
  });

  it('when "add group" names the root, then a group with one empty row is added', () => {
    const next = applyBuilderEdit(form(), parseBuilderEdit('add-group:')!);
    expect(next.children[2]).toMatchObject({
      kind: 'group',
      join: 'all',
      children: [{ field: '' }],
    });
  });

  it('when "remove" names a row or a group, then it goes and the others keep their order', () => {
    const next = applyBuilderEdit(form(), parseBuilderEdit('remove:1.0')!);
    expect(formToCondition(next, kindOf)).toEqual({
      all: [
        { field: 'score', op: 'lte', value: 6 },
        {
          any: [
            { field: 'attributes.region', op: 'in', value: ['FR', 'BE'] },
            { all: [{ field: 'hasComment', op: 'eq', value: true }] },
          ],
        },
      ],
    });
    expect(applyBuilderEdit(form(), parseBuilderEdit('remove:1')!).children).toHaveLength(1);
  });

  it('when a button value is malformed or names no node, then nothing changes', () => {
    expect(parseBuilderEdit('remove:')).toBeNull();
    expect(parseBuilderEdit('explode:1')).toBeNull();
    expect(parseBuilderEdit('save')).toBeNull();
    const before = form();
    expect(applyBuilderEdit(before, { action: 'add-condition', path: [0] })).toEqual(before);
    expect(applyBuilderEdit(before, { action: 'remove', path: [7, 1] })).toEqual(before);
  });
});

import type { FieldKind } from '../conditions';

/**
 * The rule builder's field picker: every simple field of rule-fields.ts with the way its typed
 * value is read, in the picker's groups. Attribute fields (attributes.x, contact.attributes.x)
 * come from the workspace's own data and read as "any".
 */
export const RULE_FIELD_GROUPS: readonly { group: string; fields: [string, FieldKind][] }[] = [
  {
    group: 'answer',
    fields: [
      ['score', 'number'],
      ['category', 'text'],
      ['comment', 'text'],
      ['hasComment', 'boolean'],
      ['surveyType', 'text'],
      ['channel', 'text'],
      ['locale', 'text'],
      ['source', 'text'],
      ['tags', 'text'],
      ['isFirstAnswer', 'boolean'],
      ['isChangedAnswer', 'boolean'],
      ['previousScore', 'number'],
      ['previousCategory', 'text'],
    ],
  },
  {
    group: 'segment',
    fields: [
      ['agent', 'text'],
      ['agentName', 'text'],
      ['team', 'text'],
      ['interactionChannel', 'text'],
      ['interactionType', 'text'],
      ['product', 'text'],
      ['region', 'text'],
      ['reason', 'text'],
      ['revenue', 'number'],
      ['contact.locale', 'text'],
    ],
  },
];

export const RULE_FIELD_KINDS: ReadonlyMap<string, FieldKind> = new Map(
  RULE_FIELD_GROUPS.flatMap((g) => g.fields),
);

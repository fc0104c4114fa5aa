import {
  conditionBuilderView,
  describeCondition,
  OPS,
  type Condition,
  type FieldChoiceGroup,
  type FormGroup,
} from '../conditions';
import { MESSAGE_CHANNELS } from './rule-fields';
import { RULE_FIELD_GROUPS } from './rule-field-catalogue';
import type { ActionForm, RuleForm } from './rule-form';
import { ACTION_KINDS, OTHER_LOCALE_KEY } from './rule-form';
import { ASSIGN_STRATEGIES, USER_ROLES, type RuleAction } from './rules.schema';
import type { PlannedAction } from './evaluate-rules';
import type { DryRunMatch } from './rules.service';

/** The page's translator, as the view model needs it (no i18n import here). */
export type T = (key: string, vars?: Record<string, unknown>) => string;

const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export function opLabels(t: T): Record<string, string> {
  return Object.fromEntries(OPS.map((op) => [op, t(`rules.ops.${op}`)]));
}

export function ruleFieldLabel(t: T, field: string): string {
  const attribute = /^(contact\.)?attributes\.(.+)$/.exec(field);
  if (attribute) {
    return t(attribute[1] ? 'rules.fields.contactAttribute' : 'rules.fields.attribute', {
      name: attribute[2],
    });
  }
  const key = `rules.fields.${field.replace('.', '_')}`;
  const label = t(key);
  return label === key ? field : label;
}

/** The rule builder's picker: answer and segment fields, then this workspace's attributes. */
export function ruleFieldChoices(
  t: T,
  attributes: { answer: string[]; contact: string[] },
): FieldChoiceGroup[] {
  const groups: FieldChoiceGroup[] = RULE_FIELD_GROUPS.map((g) => ({
    label: t(`rules.fieldGroups.${g.group}`),
    fields: g.fields.map(([value]) => ({ value, label: ruleFieldLabel(t, value) })),
  }));
  const attributeGroup = (key: string, prefix: string, names: string[]) =>
    names.length
      ? [
          {
            label: t(key),
            fields: names.map((n) => ({
              value: `${prefix}${n}`,
              label: ruleFieldLabel(t, `${prefix}${n}`),
            })),
          },
        ]
      : [];
  return [
    ...groups,
    ...attributeGroup('rules.fieldGroups.attributes', 'attributes.', attributes.answer),
    ...attributeGroup(
      'rules.fieldGroups.contactAttributes',
      'contact.attributes.',
      attributes.contact,
    ),
  ];
}

export function builderView(
  t: T,
  root: FormGroup,
  fieldGroups: FieldChoiceGroup[],
  errors: ReadonlyMap<string, string>,
) {
  return conditionBuilderView(root, {
    prefix: 'conditions',
    fieldGroups,
    opLabels: opLabels(t),
    errors,
    otherLabel: () => t('rules.fieldGroups.other'),
  });
}

const options = (
  values: readonly string[],
  selected: string | undefined,
  label: (v: string) => string,
) => values.map((value) => ({ value, label: label(value), selected: value === selected }));

/** One action card of the editor. */
export function actionView(
  t: T,
  action: ActionForm,
  index: number,
  errors: ReadonlyMap<string, string>,
  people: { email: string; name: string }[],
) {
  const v = action.values;
  const own = (control: string) => errors.get(`actions/${index}:${control}`);
  const controls = [
    'strategy',
    'team',
    'user',
    'priority',
    'slaHours',
    'title',
    'users',
    'roles',
    'subject',
    'url',
    'secret',
    'channel',
    'textEn',
    'textFr',
    'subjectEn',
    'subjectFr',
    'pool',
    'tags',
    'action',
  ];
  return {
    index,
    number: index + 1,
    kind: action.kind,
    is: { [action.kind]: true },
    title: t(`rules.actions.kind.${action.kind}`),
    values: v,
    strategies: options(ASSIGN_STRATEGIES, v.strategy, (s) => t(`rules.actions.strategy.${s}`)),
    priorities: options(TASK_PRIORITIES, v.priority, (p) => t(`rules.actions.priority.${p}`)),
    people: [
      { value: '', label: '—', selected: !v.user },
      ...people.map((p) => ({
        value: p.email,
        label: `${p.name} (${p.email})`,
        selected: p.email === v.user,
      })),
      ...(v.user && !people.some((p) => p.email === v.user)
        ? [{ value: v.user, label: v.user, selected: true }]
        : []),
    ],
    roles: USER_ROLES.map((r) => ({
      value: r,
      label: t(`roles.${r}`),
      checked: action.roles.includes(r),
    })),
    teamManagers: action.teamManagers,
    channels: [
      { value: '', label: t('rules.actions.answerChannel'), selected: !v.channel },
      ...options(MESSAGE_CHANNELS, v.channel, (c) => t(`rules.channels.${c}`)),
    ],
    otherTexts: Object.entries(v).flatMap(([key, value]) => {
      if (!OTHER_LOCALE_KEY.test(key)) return [];
      const [what, locale] = key.split(':') as [string, string];
      return [
        {
          name: `actions[${index}][${key}]`,
          id: `a${index}-${what}-${locale}`,
          label: t(what === 'text' ? 'rules.actions.otherText' : 'rules.actions.otherSubject', {
            locale,
          }),
          value,
          long: what === 'text',
        },
      ];
    }),
    errors: Object.fromEntries(controls.flatMap((c) => (own(c) ? [[c, own(c)]] : []))),
  };
}

export function addActionButtons(t: T) {
  return ACTION_KINDS.map((kind) => ({ kind, label: t(`rules.actions.add.${kind}`) }));
}

const shown = (text: unknown): string => {
  if (typeof text === 'string') return text;
  const t = (text ?? {}) as { en?: string; fr?: string };
  return t.en ?? t.fr ?? '';
};

/** What one action would do, in a sentence (a webhook's secret never appears). */
export function describeAction(t: T, action: RuleAction, agentName?: string | null): string {
  switch (action.type) {
    case 'create_task': {
      const who =
        action.assign.strategy === 'interaction_agent' && agentName
          ? agentName
          : action.assign.strategy === 'user'
            ? (action.assign.user ?? '')
            : t(`rules.actions.strategy.${action.assign.strategy}`);
      return t('rules.describe.task', {
        who,
        team: action.assign.team ?? '',
        priority: t(`rules.actions.priority.${action.priority}`),
        hours: action.sla.businessHours,
      });
    }
    case 'notify':
      if (action.webhook) return t('rules.describe.webhook', { url: action.webhook.url });
      return t('rules.describe.email', {
        to: [
          ...(action.email?.roles ?? []).map((r) => t(`roles.${r}`)),
          ...(action.email?.users ?? []),
          ...(action.email?.teamManagers ? [t('rules.actions.teamManagers')] : []),
        ].join(', '),
      });
    case 'send_message': {
      const channel = action.channel
        ? t(`rules.channels.${action.channel}`)
        : t('rules.actions.answerChannel');
      return action.rewardPool
        ? t('rules.describe.reward', { pool: action.rewardPool, channel })
        : t('rules.describe.message', { channel, text: shown(action.text) });
    }
    case 'tag':
      return t('rules.describe.tag', { tags: action.tags.join(', ') });
  }
}

/** A condition in words: "Score ≤ 6 and (Team is Sales or …)". */
export function describeRuleCondition(t: T, condition: Condition | null): string {
  return describeCondition(condition, {
    field: (field) => ruleFieldLabel(t, field),
    op: (op) => t(`rules.ops.${op}`),
    and: t('rules.list.allJoin'),
    or: t('rules.list.anyJoin'),
    always: t('rules.list.always'),
    never: t('rules.list.never'),
  });
}

export function dryRunView(t: T, result: { considered: number; matches: DryRunMatch[] }) {
  return {
    considered: result.considered,
    count: result.matches.length,
    summary: t('rules.dryRun.summary', {
      count: result.matches.length,
      considered: result.considered,
    }),
    matches: result.matches.map((m) => ({
      ...m,
      category: m.category ? t(`category.${m.category}`) : null,
      actions: m.actions.map((a: PlannedAction) => describeAction(t, a.action, m.agentName)),
      preempted: m.preemptedBy ? t('rules.dryRun.preempted', { name: m.preemptedBy }) : null,
    })),
  };
}

/** The editor's whole model (less the layout's). */
export function ruleFormModel(input: {
  t: T;
  form: RuleForm;
  errors: ReadonlyMap<string, string>;
  fieldGroups: FieldChoiceGroup[];
  people: { email: string; name: string }[];
  editing: boolean;
}) {
  const { t, form, errors } = input;
  return {
    form,
    nameError: errors.get('name'),
    actionsError: errors.get('actions'),
    conditions: builderView(
      t,
      form.conditions,
      input.fieldGroups,
      new Map(
        [...errors].flatMap(([key, message]) =>
          key.startsWith('conditions/') ? [[key.slice('conditions/'.length), message]] : [],
        ),
      ),
    ),
    actions: form.actions.map((a, i) => actionView(t, a, i, errors, input.people)),
    addActions: addActionButtons(t),
    editing: input.editing,
  };
}

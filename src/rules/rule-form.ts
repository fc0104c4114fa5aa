import {
  conditionErrorKey,
  conditionToForm,
  formToCondition,
  parseConditionForm,
  type FieldKind,
  type FormGroup,
} from '../conditions';
import { RULE_FIELD_KINDS } from './rule-field-catalogue';
import type { RuleAction } from './rules.schema';

/**
 * The rule editor's form, pure: what was typed (kept as text so a re-render shows it as it was),
 * the raw rule input it stands for (judged by the API's own schema), and where each problem of
 * that schema shows on the form.
 */
export const ACTION_KINDS = ['task', 'email', 'webhook', 'message', 'reward', 'tag'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const MAX_FORM_ACTIONS = 10;

/** One action's controls; every value as typed. */
export interface ActionForm {
  kind: ActionKind;
  /** task: strategy, team, user, priority, slaHours, title; email: users, subject;
   *  webhook: url, secret; message/reward: channel, textEn, textFr, subjectEn, subjectFr, pool;
   *  tag: tags. */
  values: Record<string, string>;
  /** email: the roles ticked. */
  roles: string[];
  /** email: also the managers of the answer's team. */
  teamManagers: boolean;
}

export interface RuleForm {
  name: string;
  active: boolean;
  stop: boolean;
  conditions: FormGroup;
  actions: ActionForm[];
}

const VALUE_KEYS = [
  'strategy',
  'team',
  'user',
  'priority',
  'slaHours',
  'title',
  'users',
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
] as const;

function textOf(value: unknown): string {
  if (Array.isArray(value)) return textOf(value[0]);
  return typeof value === 'string' ? value : '';
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(textOf);
  return typeof value === 'string' ? [value] : [];
}

export function isActionKind(value: unknown): value is ActionKind {
  return typeof value === 'string' && (ACTION_KINDS as readonly string[]).includes(value);
}

export function emptyAction(kind: ActionKind): ActionForm {
  const values: Record<string, string> =
    kind === 'task'
      ? { strategy: 'interaction_agent', priority: 'normal', slaHours: '24' }
      : kind === 'message' || kind === 'reward'
        ? { channel: '' }
        : {};
  return { kind, values, roles: kind === 'email' ? ['manager'] : [], teamManagers: false };
}

/** The rule form as posted (flat `actions[0][kind]`-style names, urlencoded). */
export function parseRuleForm(body: Record<string, unknown>): RuleForm {
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const [name, value] of Object.entries(body)) {
    const match = /^actions\[(\d{1,2})\]\[([\w:-]+)\]$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    if (index >= MAX_FORM_ACTIONS) continue;
    const fields = byIndex.get(index) ?? {};
    fields[match[2]!] = value;
    byIndex.set(index, fields);
  }
  const actions = [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([, fields]) => {
      const kind = textOf(fields.kind);
      if (!isActionKind(kind)) return [];
      const values: Record<string, string> = {};
      for (const key of VALUE_KEYS) {
        if (fields[key] !== undefined) values[key] = textOf(fields[key]);
      }
      for (const key of Object.keys(fields)) {
        if (OTHER_LOCALE_KEY.test(key)) values[key] = textOf(fields[key]);
      }
      return [
        {
          kind,
          values,
          roles: listOf(fields.roles),
          teamManagers: textOf(fields.teamManagers) === 'on',
        },
      ];
    });
  return {
    name: textOf(body.name),
    active: textOf(body.active) === 'on',
    stop: textOf(body.stop) === 'on',
    conditions: parseConditionForm(body),
    actions,
  };
}

const kindOf = (field: string): FieldKind => RULE_FIELD_KINDS.get(field) ?? 'any';

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const optional = (text: string | undefined) => {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

const numberOrText = (text: string | undefined) => {
  const trimmed = (text ?? '').trim();
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
};

/**
 * A text in another language than the two the form shows (stored through the API):
 * `text:es`, `subject:pt-BR`. Kept as its own field so an edit in the console loses nothing.
 */
export const OTHER_LOCALE_KEY = /^(text|subject):[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;

/** One text for every language when en and fr are the same (and no other), else one per language. */
function localized(values: Record<string, string>, what: 'text' | 'subject'): unknown {
  const e = optional(values[`${what}En`]);
  const f = optional(values[`${what}Fr`]);
  const others = Object.entries(values).flatMap(([key, value]) => {
    const text = optional(value);
    return key.startsWith(`${what}:`) && OTHER_LOCALE_KEY.test(key) && text !== undefined
      ? [[key.slice(what.length + 1), text] as const]
      : [];
  });
  if (e === undefined && f === undefined && others.length === 0) return undefined;
  if (e === f && others.length === 0) return e;
  return {
    ...(e !== undefined ? { en: e } : {}),
    ...(f !== undefined ? { fr: f } : {}),
    ...Object.fromEntries(others),
  };
}

function withoutUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/** The raw action the API would receive for one form action. */
export function actionInput(action: ActionForm): Record<string, unknown> {
  const v = action.values;
  switch (action.kind) {
    case 'task':
      return withoutUndefined({
        type: 'create_task',
        assign: withoutUndefined({
          strategy: v.strategy ?? 'interaction_agent',
          team: optional(v.team),
          user: optional(v.user),
        }),
        priority: v.priority || 'normal',
        sla: { businessHours: numberOrText(v.slaHours) },
        title: optional(v.title),
      });
    case 'email':
      return {
        type: 'notify',
        email: withoutUndefined({
          users: list(v.users),
          roles: action.roles.filter((r) => r !== ''),
          teamManagers: action.teamManagers,
          subject: optional(v.subject),
        }),
      };
    case 'webhook':
      return { type: 'notify', webhook: { url: (v.url ?? '').trim(), secret: v.secret ?? '' } };
    case 'message':
    case 'reward':
      return withoutUndefined({
        type: 'send_message',
        channel: optional(v.channel),
        text: localized(v, 'text'),
        subject: localized(v, 'subject'),
        rewardPool: action.kind === 'reward' ? (v.pool ?? '').trim() : undefined,
      });
    case 'tag':
      return { type: 'tag', tags: list(v.tags) };
  }
}

/** The raw rule input (without priority: the list's order decides it) for ruleInput. */
export function ruleFormInput(form: RuleForm): Record<string, unknown> {
  return {
    name: form.name,
    active: form.active,
    stop: form.stop,
    conditions: formToCondition(form.conditions, kindOf),
    actions: form.actions.map(actionInput),
  };
}

/** A stored text as the form's fields: en and fr, and `text:<locale>` for any other language. */
function textFields(text: unknown, what: 'text' | 'subject'): Record<string, string> {
  const Label = what === 'text' ? 'text' : 'subject';
  if (text === undefined || text === null) return {};
  if (typeof text === 'string') return { [`${Label}En`]: text, [`${Label}Fr`]: text };
  const fields: Record<string, string> = {};
  for (const [locale, value] of Object.entries(text as Record<string, string>)) {
    if (typeof value !== 'string') continue;
    if (locale === 'en') fields[`${Label}En`] = value;
    else if (locale === 'fr') fields[`${Label}Fr`] = value;
    else fields[`${what}:${locale}`] = value;
  }
  return fields;
}

/** The form of a stored action (a webhook's secret is write-only: its field starts empty). */
export function actionToForm(action: RuleAction): ActionForm {
  const base = { roles: [] as string[], teamManagers: false };
  switch (action.type) {
    case 'create_task':
      return {
        ...base,
        kind: 'task',
        values: withoutUndefinedText({
          strategy: action.assign.strategy,
          team: action.assign.team,
          user: action.assign.user,
          priority: action.priority,
          slaHours: String(action.sla.businessHours),
          title: action.title,
        }),
      };
    case 'notify':
      if (action.webhook) {
        return { ...base, kind: 'webhook', values: { url: action.webhook.url, secret: '' } };
      }
      return {
        kind: 'email',
        values: withoutUndefinedText({
          users: action.email?.users.join(', '),
          subject: action.email?.subject,
        }),
        roles: [...(action.email?.roles ?? [])],
        teamManagers: action.email?.teamManagers ?? false,
      };
    case 'send_message':
      return {
        ...base,
        kind: action.rewardPool ? 'reward' : 'message',
        values: withoutUndefinedText({
          channel: action.channel ?? '',
          ...textFields(action.text, 'text'),
          ...textFields(action.subject, 'subject'),
          pool: action.rewardPool,
        }),
      };
    case 'tag':
      return { ...base, kind: 'tag', values: { tags: action.tags.join(', ') } };
  }
}

function withoutUndefinedText(object: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(object).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

export function ruleToForm(rule: {
  name: string;
  active: boolean;
  stop: boolean;
  conditions: Parameters<typeof conditionToForm>[0];
  actions: RuleAction[];
}): RuleForm {
  return {
    name: rule.name,
    active: rule.active,
    stop: rule.stop,
    conditions: conditionToForm(rule.conditions),
    actions: rule.actions.map(actionToForm),
  };
}

/** An action button: `add-action:task` or `remove-action:2`. */
export type ActionEdit = { add: ActionKind } | { remove: number };

export function parseActionEdit(value: unknown): ActionEdit | null {
  const match = /^(add-action|remove-action):(\w+)$/.exec(textOf(value));
  if (!match) return null;
  if (match[1] === 'add-action') return isActionKind(match[2]) ? { add: match[2] } : null;
  return /^\d{1,2}$/.test(match[2]!) ? { remove: Number(match[2]) } : null;
}

export function applyActionEdit(actions: ActionForm[], edit: ActionEdit): ActionForm[] {
  if ('add' in edit) {
    return actions.length >= MAX_FORM_ACTIONS ? actions : [...actions, emptyAction(edit.add)];
  }
  return actions.filter((_, i) => i !== edit.remove);
}

/** Where a schema problem shows: the control that caused it, by dotted API path. */
const ACTION_CONTROLS: [RegExp, string][] = [
  [/^assign\.user/, 'user'],
  [/^assign\.team/, 'team'],
  [/^assign/, 'strategy'],
  [/^sla/, 'slaHours'],
  [/^priority/, 'priority'],
  [/^title/, 'title'],
  [/^email\.users/, 'users'],
  [/^email\.roles/, 'roles'],
  [/^email\.subject/, 'subject'],
  [/^webhook\.url/, 'url'],
  [/^webhook\.secret/, 'secret'],
  [/^channel/, 'channel'],
  [/^text\.fr/, 'textFr'],
  [/^text/, 'textEn'],
  [/^subject\.fr/, 'subjectFr'],
  [/^subject/, 'subjectEn'],
  [/^rewardPool/, 'pool'],
  [/^tags/, 'tags'],
];

/**
 * The form's key for a problem at a dotted API path: "name", "conditions/<builder key>",
 * "actions/<i>:<control>" (a whole action's own problem: "actions/<i>:action"), or "form".
 */
export function ruleErrorKey(path: string): string {
  if (path === 'name' || path === 'active' || path === 'stop') return path;
  const condition = conditionErrorKey(path);
  if (condition) return `conditions/${condition}`;
  const action = /^actions\.(\d+)(?:\.(.*))?$/.exec(path);
  if (action) {
    const rest = action[2] ?? '';
    const control = ACTION_CONTROLS.find(([pattern]) => pattern.test(rest))?.[1] ?? 'action';
    return `actions/${action[1]}:${control}`;
  }
  if (path === 'actions') return 'actions';
  return 'form';
}

import { APP_LOCALES } from '../pages';
import { canonicalLocale, localesOf } from '../shared/locales';
import {
  DEFAULT_SURVEYS,
  GENERIC_TEMPLATES,
  SURVEY_TYPES,
  type Localized,
  type SurveyDraft,
  type SurveyType,
  type SurveyView,
  type TemplateName,
} from '../surveys';

/**
 * The survey form of the console as plain data: what its fields hold, how a posted body becomes
 * those values, and how the values become the same input the JSON API validates. Pure.
 */
export const QUESTION_FIELDS = ['question', 'followUpQuestion', 'thankYou'] as const;
export const TEMPLATE_FIELDS = [
  'sms',
  'whatsapp',
  'chat',
  'emailSubject',
  'emailText',
  'reminder',
] as const satisfies readonly TemplateName[];
export const CONTENT_FIELDS = ['contentSid', 'variables'] as const;
export type QuestionField = (typeof QUESTION_FIELDS)[number];
export type LocaleField = QuestionField | TemplateName | (typeof CONTENT_FIELDS)[number];
export const LOCALE_FIELDS: readonly LocaleField[] = [
  ...QUESTION_FIELDS,
  ...TEMPLATE_FIELDS,
  ...CONTENT_FIELDS,
];

export interface SurveyFormValues {
  key: string;
  name: string;
  type: SurveyType;
  /** CES only: 5 (effort, lower is better) or 7 (agreement). */
  scaleMax: number;
  reminderDelay: string;
  expiry: string;
  reviewUrl: string;
  active: boolean;
  isDefault: boolean;
  /** Canonical BCP-47 tags, the workspace default first. */
  locales: string[];
  /** Per locale, per field, the text as typed ('' when blank). */
  texts: Record<string, Record<LocaleField, string>>;
}

const MAX_LOCALES = 50;

const blankTexts = (): Record<LocaleField, string> =>
  Object.fromEntries(LOCALE_FIELDS.map((f) => [f, ''])) as Record<LocaleField, string>;

/** The workspace default first, then the others in the order they came, each once. */
export function orderLocales(locales: readonly string[], workspaceDefault: string): string[] {
  return [...new Set([workspaceDefault, ...locales])];
}

/** `1=…` lines, the way the form shows a WhatsApp Content template's variables. */
export function formatVariables(variables: Record<string, string>): string {
  return Object.entries(variables)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([n, text]) => `${n}=${text}`)
    .join('\n');
}

/** The variables of `1=…` lines; blank lines are skipped; the line number of one without `=`. */
export function parseVariables(
  text: string,
): { ok: true; value: Record<string, string> } | { ok: false; line: number } {
  const value: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const at = line.indexOf('=');
    if (at < 0) return { ok: false, line: i + 1 };
    value[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { ok: true, value };
}

const sameTexts = (a: Localized, b: Localized) => {
  const keys = localesOf(a);
  return keys.length === localesOf(b).length && keys.every((k) => a[k] === b[k]);
};

/**
 * The templates a stored survey has of its own. The view fills the others in (WhatsApp from the
 * SMS, the rest from Retour's generic texts); the form leaves those blank, so a blank field keeps
 * meaning "Retour's text".
 */
export function ownTemplates(view: SurveyView): Set<TemplateName> {
  const own = new Set<TemplateName>();
  for (const name of TEMPLATE_FIELDS) {
    const text = view.templates[name];
    const fallback =
      name === 'sms' ? {} : name === 'whatsapp' ? view.templates.sms : GENERIC_TEMPLATES[name];
    if (localesOf(text).length && !sameTexts(text, fallback)) own.add(name);
  }
  return own;
}

/** Every locale a survey has a text of its own in (not the built-in texts it falls back to). */
function surveyLocales(view: SurveyView, own: Set<TemplateName>): string[] {
  return [
    ...QUESTION_FIELDS.flatMap((f) => localesOf(view[f])),
    ...TEMPLATE_FIELDS.filter((f) => own.has(f)).flatMap((f) => localesOf(view.templates[f])),
    ...Object.keys(view.whatsappContent),
  ];
}

export function valuesFromSurvey(view: SurveyView, workspaceDefault: string): SurveyFormValues {
  const own = ownTemplates(view);
  const locales = orderLocales(surveyLocales(view, own), workspaceDefault);
  const texts = Object.fromEntries(
    locales.map((locale) => {
      const entry = blankTexts();
      for (const f of QUESTION_FIELDS) entry[f] = view[f][locale] ?? '';
      for (const f of TEMPLATE_FIELDS)
        entry[f] = own.has(f) ? (view.templates[f][locale] ?? '') : '';
      const content = view.whatsappContent[locale];
      entry.contentSid = content?.contentSid ?? '';
      entry.variables = content ? formatVariables(content.variables) : '';
      return [locale, entry];
    }),
  );
  return {
    key: view.key,
    name: view.name,
    type: view.type,
    scaleMax: view.scale.max,
    reminderDelay: view.reminderDelay,
    expiry: view.expiry,
    reviewUrl: view.reviewUrl ?? '',
    active: view.active,
    isDefault: view.isDefault,
    locales,
    texts,
  };
}

export function isSurveyType(value: unknown): value is SurveyType {
  return typeof value === 'string' && (SURVEY_TYPES as readonly string[]).includes(value);
}

/**
 * A new survey starts from Retour's own survey of that type (its questions and SMS), in the
 * workspace's default language and the console's (more can be added on the page).
 */
export function valuesForNew(type: SurveyType, workspaceDefault: string): SurveyFormValues {
  const base = DEFAULT_SURVEYS.find((s) => s.type === type) ?? DEFAULT_SURVEYS[0]!;
  const locales = orderLocales(APP_LOCALES, workspaceDefault);
  const texts = Object.fromEntries(
    locales.map((locale) => {
      const entry = blankTexts();
      for (const f of QUESTION_FIELDS) entry[f] = base[f][locale] ?? '';
      entry.sms = base.templates?.sms?.[locale] ?? '';
      return [locale, entry];
    }),
  );
  return {
    key: '',
    name: '',
    type,
    scaleMax: 5,
    reminderDelay: 'P1D',
    expiry: 'P7D',
    reviewUrl: '',
    active: true,
    isDefault: false,
    locales,
    texts,
  };
}

const str = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? str(value[0]) : '';

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(str) : typeof value === 'string' ? [value] : [];

export type AddLocaleOutcome = 'added' | 'invalid' | 'present' | 'tooMany' | null;

/**
 * The values of a posted form (fields `question.fr`, `sms.pt-BR`, hidden `locales`) and, when
 * `addLocale` was filled in, whether that locale could be added. `fixed` holds what the edit
 * form does not let change (key and type).
 */
export function valuesFromBody(
  body: Record<string, unknown>,
  workspaceDefault: string,
  fixed?: { key: string; type: SurveyType },
): { values: SurveyFormValues; added: AddLocaleOutcome } {
  const posted = list(body.locales)
    .map((l) => canonicalLocale(l))
    .filter((l): l is string => l !== null);
  let locales = orderLocales(posted, workspaceDefault).slice(0, MAX_LOCALES);
  let added: AddLocaleOutcome = null;
  const wanted = str(body.addLocale).trim();
  if (wanted) {
    const canonical = canonicalLocale(wanted);
    if (!canonical) added = 'invalid';
    else if (locales.includes(canonical)) added = 'present';
    else if (locales.length >= MAX_LOCALES) added = 'tooMany';
    else {
      locales = [...locales, canonical];
      added = 'added';
    }
  }
  const texts = Object.fromEntries(
    locales.map((locale) => {
      const entry = blankTexts();
      for (const f of LOCALE_FIELDS) entry[f] = str(body[`${f}.${locale}`]);
      return [locale, entry];
    }),
  );
  const type = fixed?.type ?? (isSurveyType(body.type) ? body.type : 'nps');
  return {
    values: {
      key: fixed?.key ?? str(body.key).trim(),
      name: str(body.name),
      type,
      scaleMax: str(body.scaleMax) === '7' ? 7 : 5,
      reminderDelay: str(body.reminderDelay).trim(),
      expiry: str(body.expiry).trim(),
      reviewUrl: str(body.reviewUrl).trim(),
      active: str(body.active) === 'on',
      isDefault: str(body.isDefault) === 'on',
      locales,
      texts,
    },
    added,
  };
}

const perLocale = (values: SurveyFormValues, field: LocaleField) =>
  Object.fromEntries(values.locales.map((l) => [l, values.texts[l]?.[field] ?? '']));

const anyText = (texts: Record<string, string>) =>
  Object.values(texts).some((t) => t.trim() !== '');

/** A problem the form finds before the API's schema sees the input. */
export interface FormIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The body the API would get for these values (its schema validates it next). A template left
 * blank in every locale is not sent, so Retour's own text applies, unless the survey had one of
 * its own: then it is sent blank and refused, as the API would refuse it.
 */
export function toSurveyBody(
  values: SurveyFormValues,
  mode: { create: true } | { create: false; own: Set<TemplateName> },
): { body: Record<string, unknown>; issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  const templates: Record<string, Record<string, string>> = {};
  for (const name of TEMPLATE_FIELDS) {
    const texts = perLocale(values, name);
    if (anyText(texts) || (!mode.create && mode.own.has(name))) templates[name] = texts;
  }
  const whatsappContent: Record<string, unknown> = {};
  for (const locale of values.locales) {
    const entry = values.texts[locale]!;
    if (entry.contentSid.trim() === '' && entry.variables.trim() === '') continue;
    const variables = parseVariables(entry.variables);
    if (!variables.ok) {
      issues.push({
        path: ['whatsappContent', locale, 'variables'],
        message: `line ${variables.line}: write a placeholder number, "=" and its text`,
      });
      continue;
    }
    whatsappContent[locale] = { contentSid: entry.contentSid.trim(), variables: variables.value };
  }
  const body: Record<string, unknown> = {
    name: values.name,
    question: perLocale(values, 'question'),
    followUpQuestion: perLocale(values, 'followUpQuestion'),
    thankYou: perLocale(values, 'thankYou'),
    templates,
    whatsappContent,
    reminderDelay: values.reminderDelay,
    expiry: values.expiry,
    reviewUrl: values.reviewUrl === '' ? null : values.reviewUrl,
    active: values.active,
    isDefault: values.isDefault,
  };
  if (values.type === 'ces') body.scale = { min: 1, max: values.scaleMax };
  if (mode.create) Object.assign(body, { key: values.key, type: values.type });
  return { body, issues };
}

/** What the previews render: the values as they stand, broken texts included. */
export function draftOf(values: SurveyFormValues): SurveyDraft {
  const templates = Object.fromEntries(
    TEMPLATE_FIELDS.map((name) => [name, perLocale(values, name)]),
  );
  return {
    key: values.key || 'draft',
    type: values.type,
    name: values.name,
    scale: values.type === 'ces' ? { min: 1, max: values.scaleMax } : undefined,
    question: perLocale(values, 'question'),
    followUpQuestion: perLocale(values, 'followUpQuestion'),
    thankYou: perLocale(values, 'thankYou'),
    templates,
  };
}

const GENERAL_FIELDS = new Set(['key', 'name', 'type', 'reminderDelay', 'expiry', 'reviewUrl']);

/**
 * The form field an API problem belongs to (`question.fr`, `sms.en`, `variables.fr`, `key`…):
 * a problem of a whole text (no locale) goes to its first locale's field; '_form' when none fits.
 */
export function fieldOf(path: readonly (string | number)[], locales: readonly string[]): string {
  const [head, second, third] = path.map(String);
  const first = locales[0] ?? 'en';
  if (!head) return '_form';
  if ((QUESTION_FIELDS as readonly string[]).includes(head)) return `${head}.${second ?? first}`;
  if (head === 'templates' && second) return `${second}.${third ?? first}`;
  if (head === 'whatsappContent' && second) {
    return `${third === 'variables' ? 'variables' : 'contentSid'}.${second}`;
  }
  if (head === 'scale') return 'scaleMax';
  return GENERAL_FIELDS.has(head) ? head : '_form';
}

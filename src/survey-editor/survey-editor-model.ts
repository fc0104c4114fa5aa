import type { Translate } from '../pages';
import { SURVEY_TYPES } from '../surveys';
import type { LocalePreviews } from './survey-previews';
import {
  CONTENT_FIELDS,
  QUESTION_FIELDS,
  TEMPLATE_FIELDS,
  type AddLocaleOutcome,
  type LocaleField,
  type SurveyFormValues,
} from './survey-form';

/** The handlebars model of the survey editor (views/app/survey-edit.hbs). */

/** field name (`question.fr`, `key`, '_form') → the problem, as the API words it. */
export type FieldProblems = Map<string, string>;

const ROWS: Partial<Record<LocaleField, number>> = {
  question: 2,
  followUpQuestion: 2,
  thankYou: 2,
  sms: 4,
  whatsapp: 4,
  chat: 3,
  emailText: 6,
  reminder: 3,
  variables: 3,
};

/** A problem in the page's language; handlebars' own message stays as handlebars wrote it. */
export function problemText(field: string, message: string, t: Translate): string {
  const template = /^is not a usable template: (.*)$/s.exec(message);
  if (template) return t('surveys.error.template', { problem: template[1] });
  const line = /^line (\d+):/.exec(message);
  if (line) return t('surveys.error.variablesLine', { line: line[1] });
  if (message === 'needs a text in at least one locale') return t('surveys.error.oneLocale');
  if (/already exists/.test(message)) return t('surveys.error.keyTaken');
  if (/Twilio Content SID/.test(message)) return t('surveys.error.contentSid');
  if (/placeholder number/.test(message)) return t('surveys.error.placeholder');
  if (/scale/.test(message)) return t('surveys.error.scale');
  if (/at least PT1H/.test(message)) return t('surveys.error.expiryMin');
  const base = field.split('.')[0]!;
  const byField: Record<string, string> = {
    key: 'surveys.error.key',
    name: 'surveys.error.name',
    reminderDelay: 'surveys.error.duration',
    expiry: 'surveys.error.duration',
    reviewUrl: 'surveys.error.url',
  };
  return byField[base] ? t(byField[base]) : message;
}

// Passed as a value: written in the catalogue, i18next would take them for its own.
const PLACEHOLDERS = '{{company}}, {{customerName}}, {{agentName}}, {{link}}';

const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9-]/g, '-')}`;

function languageName(code: string, pageLocale: string): string {
  try {
    const name = new Intl.DisplayNames([pageLocale], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

function smsPreview(preview: LocalePreviews['sms'], t: Translate) {
  if (!preview.ok) return { error: preview.error };
  const v = preview.value;
  return {
    text: v.text,
    facts: [
      t('surveys.preview.characters', { count: v.characters }),
      v.encoding,
      t('surveys.preview.segments', { count: v.segments }),
    ].join(' · '),
    encoding: v.encoding,
    ucs2: v.encoding === 'UCS-2',
  };
}

export interface EditorModelInput {
  values: SurveyFormValues;
  isNew: boolean;
  action: string;
  problems: FieldProblems;
  previews: LocalePreviews[];
  workspaceDefault: string;
  pageLocale: string;
  t: Translate;
  notice?: string | null;
  addLocale?: { value: string; outcome: AddLocaleOutcome };
}

export function surveyEditorModel(input: EditorModelInput) {
  const { values, problems, t } = input;
  const problem = (name: string) => {
    const message = problems.get(name);
    return message ? problemText(name, message, t) : null;
  };
  const general = (name: string) => ({ id: fieldId(name), error: problem(name) });
  const byLocale = new Map(input.previews.map((p) => [p.locale, p]));
  const field = (locale: string, name: LocaleField, blankHint: boolean) => {
    const full = `${name}.${locale}`;
    const hintKey = `surveys.hint.${name}`;
    return {
      name: full,
      id: fieldId(full),
      label: t(`surveys.field.${name}`),
      hint: blankHint ? `${t(hintKey)} ${t('surveys.hint.blankBuiltIn')}` : t(hintKey),
      value: values.texts[locale]?.[name] ?? '',
      error: problem(full),
      rows: ROWS[name] ?? null,
    };
  };
  const locales = values.locales.map((code) => {
    const preview = byLocale.get(code);
    return {
      code,
      label: languageName(code, input.pageLocale),
      headingId: `locale-${fieldId(code)}`,
      isDefault: code === input.workspaceDefault,
      groups: [
        {
          legend: t('surveys.group.questions'),
          hint: null,
          fields: QUESTION_FIELDS.map((f) => field(code, f, false)),
        },
        {
          legend: t('surveys.group.messages'),
          hint: t('surveys.hint.placeholders', { names: PLACEHOLDERS }),
          fields: TEMPLATE_FIELDS.map((f) => field(code, f, f !== 'sms' && f !== 'whatsapp')),
        },
        {
          legend: t('surveys.group.content'),
          hint: t('surveys.hint.content', { example: '1={{customerName}}' }),
          fields: CONTENT_FIELDS.map((f) => field(code, f, false)),
        },
      ],
      sms: preview ? smsPreview(preview.sms, t) : null,
      email: preview
        ? preview.email.ok
          ? {
              ...preview.email.value,
              title: t('surveys.preview.emailFrame', { locale: code }),
            }
          : { error: preview.email.error }
        : null,
      landing: preview
        ? preview.landing.ok
          ? { src: preview.landing.src, title: t('surveys.preview.landingFrame', { locale: code }) }
          : { error: preview.landing.error ?? t('surveys.preview.landingTooLong') }
        : null,
    };
  });
  const allProblems = [...problems.keys()].map((name) => ({
    href: `#${name === '_form' ? 'survey-form' : fieldId(name)}`,
    text: problemText(name, problems.get(name)!, t),
    label: labelOf(name, t),
  }));
  const added = input.addLocale;
  return {
    isNew: input.isNew,
    action: input.action,
    notice: input.notice ?? null,
    problems: allProblems,
    problemsTitle: t('surveys.notSaved', { count: allProblems.length }),
    values,
    fields: {
      name: general('name'),
      key: general('key'),
      type: general('type'),
      scaleMax: general('scaleMax'),
      reminderDelay: general('reminderDelay'),
      expiry: general('expiry'),
      reviewUrl: general('reviewUrl'),
    },
    typeLabel: t(`surveys.type.${values.type}`),
    scaleLabel: scaleLabel(values, t),
    types: SURVEY_TYPES.map((type) => ({
      value: type,
      label: t(`surveys.type.${type}`),
      selected: type === values.type,
    })),
    showScale: input.isNew || values.type === 'ces',
    scales: [5, 7].map((max) => ({
      value: max,
      label: t(`surveys.scale.ces${max}`),
      selected: values.scaleMax === max,
    })),
    locales,
    addLocale: {
      value: added && added.outcome !== 'added' ? added.value : '',
      error:
        added?.outcome && added.outcome !== 'added'
          ? t(`surveys.addLocale.${added.outcome}`, { code: added.value })
          : null,
    },
  };
}

function labelOf(name: string, t: Translate): string {
  if (name === '_form') return t('surveys.title');
  const [base, locale] = name.split('.');
  const label = t(`surveys.field.${base}`);
  return locale ? `${label} (${locale})` : label;
}

export function scaleLabel(values: { type: string; scaleMax: number }, t: Translate): string {
  if (values.type === 'nps') return '0–10';
  if (values.type === 'csat') return '1–5';
  return t(`surveys.scale.ces${values.scaleMax === 7 ? 7 : 5}`);
}

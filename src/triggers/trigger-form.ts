import {
  conditionErrorKey,
  conditionToForm,
  formToCondition,
  parseConditionForm,
  type Condition,
  type FieldKind,
  type FormGroup,
} from '../conditions';
import { CHANNELS } from '../shared/channel-names';

/**
 * The trigger editor's form, pure: the typed values (kept as text for a re-render), the raw
 * trigger input they stand for (judged by the API's schema) and where its problems show.
 * Channels are ordered slots ("1st choice", "2nd choice"…); the delay is an amount and a unit.
 */
export const DELAY_UNITS = ['minutes', 'hours', 'days'] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];
export const CHANNEL_SLOTS = CHANNELS.length;

export interface TriggerForm {
  name: string;
  eventType: string;
  surveyId: string;
  /** One entry per slot, '' for none. */
  channels: string[];
  delayAmount: string;
  delayUnit: DelayUnit;
  samplingRate: string;
  active: boolean;
  conditions: FormGroup;
}

/** The fields a trigger condition reads, with how a typed value is read; attributes: "any". */
export const TRIGGER_FIELDS: readonly string[] = [
  'type',
  'channel',
  'team',
  'occurredAt',
  'agent.id',
  'agent.name',
  'agent.email',
  'customer.id',
  'customer.locale',
  'customer.timezone',
];
const kindOf = (field: string): FieldKind => (TRIGGER_FIELDS.includes(field) ? 'text' : 'any');

function textOf(value: unknown): string {
  if (Array.isArray(value)) return textOf(value[0]);
  return typeof value === 'string' ? value : '';
}

const isUnit = (value: string): value is DelayUnit =>
  (DELAY_UNITS as readonly string[]).includes(value);

export function parseTriggerForm(body: Record<string, unknown>): TriggerForm {
  const unit = textOf(body.delayUnit);
  return {
    name: textOf(body.name),
    eventType: textOf(body.eventType),
    surveyId: textOf(body.surveyId),
    channels: Array.from({ length: CHANNEL_SLOTS }, (_, i) => textOf(body[`channels[${i}]`])),
    delayAmount: textOf(body.delayAmount),
    delayUnit: isUnit(unit) ? unit : 'minutes',
    samplingRate: textOf(body.samplingRate),
    active: textOf(body.active) === 'on',
    conditions: parseConditionForm(body),
  };
}

const UNIT_LETTER: Record<DelayUnit, string> = { minutes: 'PT#M', hours: 'PT#H', days: 'P#D' };

/** The ISO 8601 duration of an amount and unit ('' is none); a bad amount stays bad for the schema. */
export function delayIso(amount: string, unit: DelayUnit): string {
  const trimmed = amount.trim();
  if (trimmed === '') return 'PT0S';
  return /^\d{1,6}$/.test(trimmed) ? UNIT_LETTER[unit].replace('#', trimmed) : 'invalid';
}

/** The largest unit that expresses a delay exactly. */
export function delayParts(ms: number): { amount: string; unit: DelayUnit } {
  const minute = 60_000;
  if (ms > 0 && ms % (24 * 60 * minute) === 0)
    return { amount: String(ms / (24 * 60 * minute)), unit: 'days' };
  if (ms > 0 && ms % (60 * minute) === 0)
    return { amount: String(ms / (60 * minute)), unit: 'hours' };
  return { amount: String(Math.round(ms / minute)), unit: 'minutes' };
}

/** The raw input the API's trigger schema judges. */
export function triggerFormInput(form: TriggerForm): Record<string, unknown> {
  const rate = form.samplingRate.trim();
  return {
    name: form.name,
    eventType: form.eventType,
    surveyId: form.surveyId,
    channels: form.channels.filter((c) => c !== ''),
    delay: delayIso(form.delayAmount, form.delayUnit),
    samplingRate: rate === '' ? 100 : /^\d+(\.\d+)?$/.test(rate) ? Number(rate) : rate,
    active: form.active,
    conditions: formToCondition(form.conditions, kindOf),
  };
}

export function triggerToForm(trigger: {
  name: string;
  eventType: string;
  surveyId: string;
  channels: readonly string[];
  delayMs: number;
  samplingRate: number;
  active: boolean;
  conditions: Condition | null;
}): TriggerForm {
  const delay = delayParts(trigger.delayMs);
  return {
    name: trigger.name,
    eventType: trigger.eventType,
    surveyId: trigger.surveyId,
    channels: Array.from({ length: CHANNEL_SLOTS }, (_, i) => trigger.channels[i] ?? ''),
    delayAmount: delay.amount,
    delayUnit: delay.unit,
    samplingRate: String(trigger.samplingRate),
    active: trigger.active,
    conditions: conditionToForm(trigger.conditions),
  };
}

/** Where a problem at a dotted API path shows: a field name, "conditions/<builder key>" or "form". */
export function triggerErrorKey(path: string): string {
  const condition = conditionErrorKey(path);
  if (condition) return `conditions/${condition}`;
  const top = path.split('.')[0] ?? '';
  return ['name', 'eventType', 'surveyId', 'channels', 'delay', 'samplingRate'].includes(top)
    ? top
    : 'form';
}

import { z } from 'zod';
import type { FieldProblem } from '../shared/errors';
import type { WorkspaceView } from './workspaces.service';
import { workspaceSettingsInput, type WorkspaceSettingsInput } from './workspaces.schema';

/**
 * The /app/settings form: posted strings → the API's settings input (validated by the very
 * schema PATCH /workspace uses), and the values to re-fill the form with when it comes back.
 */

export const SETTINGS_FIELDS = [
  'name',
  'timezone',
  'defaultLocale',
  'fatigueWindowDays',
  'quietHours',
  'senderNumbers',
  'chatWebhookUrl',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

const text = z.string().optional().default('');
export const settingsForm = z.object({
  name: text,
  timezone: text,
  defaultLocale: text,
  fatigueWindowDays: text,
  quietHoursOn: text,
  quietStart: text,
  quietEnd: text,
  senderNumbers: text,
  chatWebhookUrl: text,
});
export type SettingsFormValues = z.output<typeof settingsForm>;

/** The form as the stored settings fill it. */
export function settingsFormValues(ws: WorkspaceView): SettingsFormValues {
  return {
    name: ws.name,
    timezone: ws.timezone,
    defaultLocale: ws.defaultLocale,
    fatigueWindowDays: String(ws.fatigueWindowDays),
    quietHoursOn: ws.quietHours ? 'on' : '',
    quietStart: ws.quietHours?.start ?? '21:00',
    quietEnd: ws.quietHours?.end ?? '09:00',
    senderNumbers: ws.senderNumbers.join('\n'),
    chatWebhookUrl: ws.chatWebhookUrl ?? '',
  };
}

/** A whole number as typed, else the text itself so the schema refuses it by name. */
function wholeNumber(raw: string): number | string {
  const trimmed = raw.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The settings input the form means (not yet validated). */
export function settingsCandidate(values: SettingsFormValues): Record<string, unknown> {
  const url = values.chatWebhookUrl.trim();
  return {
    name: values.name,
    timezone: values.timezone,
    defaultLocale: values.defaultLocale,
    fatigueWindowDays: wholeNumber(values.fatigueWindowDays),
    quietHours: values.quietHoursOn
      ? { start: values.quietStart.trim(), end: values.quietEnd.trim() }
      : null,
    senderNumbers: values.senderNumbers
      .split(/[\r\n,]+/)
      .map((line) => line.trim())
      .filter(Boolean),
    chatWebhookUrl: url === '' ? null : url,
  };
}

/** The form field a problem's path names ("quietHours.start" → quietHours). */
export function fieldOf(path: string): SettingsField | null {
  const head = path.split('.')[0];
  return (SETTINGS_FIELDS as readonly string[]).includes(head ?? '')
    ? (head as SettingsField)
    : null;
}

export type SettingsParse =
  { ok: true; input: WorkspaceSettingsInput } | { ok: false; problems: FieldProblem[] };

export function parseSettingsForm(values: SettingsFormValues): SettingsParse {
  const parsed = workspaceSettingsInput.safeParse(settingsCandidate(values));
  if (parsed.success)
    return { ok: true, input: settingsCandidate(values) as WorkspaceSettingsInput };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    })),
  };
}

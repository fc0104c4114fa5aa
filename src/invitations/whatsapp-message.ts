import { matchLocale } from '../shared/locales';
import { renderTemplate } from '../shared/text-templates';
import type { WhatsappContentEntry } from '../surveys/survey.model';

/** WhatsApp's customer service window: free-form messages only this long after the contact wrote. */
export const WHATSAPP_SESSION_MS = 24 * 3600_000;

export function insideSessionWindow(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < WHATSAPP_SESSION_MS;
}

/** Twilio refuses an empty variable (error 21656), so a blank one goes out as this. */
export const BLANK_VARIABLE = '-';

export type WhatsappPlan =
  | { kind: 'freeform' }
  | { kind: 'template'; locale: string; contentSid: string; variables: Record<string, string> }
  | { kind: 'no_template'; locale: string };

export interface WhatsappPlanInput {
  lastInboundAt: Date | null;
  now: Date;
  /** The survey's approved Content templates per locale. */
  content: Record<string, WhatsappContentEntry>;
  /** The invitation's locale. */
  locale: string;
  /** The locale the free-form text would have been in (after its fallbacks). */
  textLocale: string | null;
  /** What the variables' handlebars texts see. */
  vars: object;
}

/**
 * Free-form text inside the session window; outside it the approved template in the contact's
 * language (or in the language the survey texts fell back to for them), its variables rendered;
 * no such template: nothing may be sent on WhatsApp.
 */
export function planWhatsappMessage(input: WhatsappPlanInput): WhatsappPlan {
  if (insideSessionWindow(input.lastInboundAt, input.now)) return { kind: 'freeform' };
  const locales = Object.keys(input.content);
  const locale = matchLocale(locales, input.locale) ?? matchLocale(locales, input.textLocale);
  if (!locale) return { kind: 'no_template', locale: input.locale };
  const entry = input.content[locale]!;
  const variables = Object.fromEntries(
    Object.entries(entry.variables ?? {}).map(([key, text]) => {
      const value = renderTemplate(text, input.vars).trim();
      return [key, value === '' ? BLANK_VARIABLE : value];
    }),
  );
  return { kind: 'template', locale, contentSid: entry.contentSid, variables };
}

import { pickLocalized } from '../../shared/locales';
import { renderTemplate } from '../../shared/text-templates';

export type LocalizedText = string | Partial<Record<string, string>>;

/**
 * The text for a reader of `locale`: its exact tag, its language, the workspace default, English,
 * then any (see resolveLocale); pure.
 */
export function pickText(text: LocalizedText, locale: string, workspaceDefault?: string): string {
  if (typeof text === 'string') return text;
  return pickLocalized(text, locale, workspaceDefault)?.text ?? '';
}

/** Plain text for customers and staff, in the workspace-text environment; a missing var is blank. */
export function renderText(template: string, vars: object): string {
  return renderTemplate(template, vars).trim();
}

import { languageOf } from '../../shared/locales';
import { renderTemplate } from '../../shared/text-templates';

export type LocalizedText = string | { en?: string; fr?: string };

/** The text for a locale (falling back to English, then any), pure. */
export function pickText(text: LocalizedText, locale: string): string {
  if (typeof text === 'string') return text;
  return (languageOf(locale) === 'fr' ? text.fr : text.en) ?? text.en ?? text.fr ?? '';
}

/** Plain text for customers and staff, in the workspace-text environment; a missing var is blank. */
export function renderText(template: string, vars: object): string {
  return renderTemplate(template, vars).trim();
}

import Handlebars from 'handlebars';

export type LocalizedText = string | { en?: string; fr?: string };

/** The text for a locale (falling back to English, then any), pure. */
export function pickText(text: LocalizedText, locale: string): string {
  if (typeof text === 'string') return text;
  return (locale === 'fr' ? text.fr : text.en) ?? text.en ?? text.fr ?? '';
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Plain text for customers and staff: no HTML escaping; strict off so a missing var is blank. */
export function renderText(template: string, vars: object): string {
  let fn = compiled.get(template);
  if (!fn) {
    fn = Handlebars.compile(template, { noEscape: true, strict: false });
    if (compiled.size > 500) compiled.clear();
    compiled.set(template, fn);
  }
  return fn(vars).trim();
}

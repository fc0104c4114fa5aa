import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { VIEWS_DIR } from '../shared/paths';

/**
 * One e-mail as HTML and text from views/email/<name>.hbs and <name>.txt.hbs, compiled on first
 * use. The text template does not escape: it is never read as HTML.
 */
export function emailTemplate<View extends { subject: string }>(name: string) {
  let html: Handlebars.TemplateDelegate | undefined;
  let text: Handlebars.TemplateDelegate | undefined;
  const compile = (file: string, noEscape: boolean) =>
    Handlebars.compile(readFileSync(path.join(VIEWS_DIR, 'email', file), 'utf8'), {
      noEscape,
      strict: false,
    });
  return (view: View) => {
    html ??= compile(`${name}.hbs`, false);
    text ??= compile(`${name}.txt.hbs`, true);
    return { subject: view.subject, html: html(view), text: text(view).trim() + '\n' };
  };
}

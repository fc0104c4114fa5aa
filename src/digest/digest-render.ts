import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { VIEWS_DIR } from '../shared/paths';
import type { DigestContent } from './digest-content';

let html: Handlebars.TemplateDelegate | undefined;
let text: Handlebars.TemplateDelegate | undefined;
const template = (file: string, noEscape: boolean) =>
  Handlebars.compile(readFileSync(path.join(VIEWS_DIR, 'email', file), 'utf8'), {
    noEscape,
    strict: false,
  });

const signed = (d: number) => (d > 0 ? `+${d}` : String(d));

/** The template's view: numbers already formatted, so HTML and text say the same thing. */
export function digestView(content: DigestContent, workspace: string, timezone: string) {
  const from = DateTime.fromJSDate(content.week.from, { zone: timezone });
  const last = DateTime.fromJSDate(content.week.to, { zone: timezone }).minus({ days: 1 });
  const subject = `${workspace} — weekly digest ${content.week.week}`;
  return {
    subject,
    workspace,
    timezone,
    week: content.week.week,
    period: `${from.toISODate()} to ${last.toISODate()}`,
    followUp: content.followUp,
    sampleUrl: content.sampleUrl,
    sections: content.sections.map((s) => ({
      label: s.label,
      score: s.score ?? '–',
      n: s.n,
      interval: s.ci95 ? `${s.ci95[0]} to ${s.ci95[1]}` : '–',
      responseRate: s.responseRate === null ? '–' : `${s.responseRate}%`,
      change: s.change
        ? `${signed(s.change.difference)} (95% interval ${s.change.ci95[0]} to ${s.change.ci95[1]})`
        : 'no comparison (no answers the week before)',
      significant: s.change?.significant ?? false,
      segments: s.segments,
      comments: s.comments,
    })),
  };
}

export function renderDigest(content: DigestContent, workspace: string, timezone: string) {
  const view = digestView(content, workspace, timezone);
  html ??= template('digest.hbs', false);
  text ??= template('digest.txt.hbs', true);
  return { subject: view.subject, html: html(view), text: text(view).trim() + '\n' };
}

import { colon, formatDay, formatNumber, formatScore } from './digest-format';
import type { DigestContent } from './digest-content';
import { changeLine, followUpLine, scoreLines, type Wording } from './digest-lines';
import { digestText } from './digest-text';
import { emailTemplate } from './email-template';

export interface DigestMailContext {
  workspace: string;
  timezone: string;
  /** The workspace's default locale: it picks the language. */
  locale: string;
}

/** "19 October 2026 to 25 October 2026 (Europe/Paris)": the week's Monday and Sunday. */
export function weekPeriod({ locale, text }: Wording, from: Date, to: Date, zone: string) {
  const sunday = new Date(to.getTime() - 12 * 3600_000);
  return text.period(formatDay(locale, from, zone), formatDay(locale, sunday, zone), zone);
}

/** The template's view: every number and word already in the workspace's language. */
export function digestView(content: DigestContent, ctx: DigestMailContext) {
  const wording = digestText(ctx.locale);
  const { locale, text } = wording;
  const week = content.week.week;
  const count = (v: number) => formatNumber(locale, v, 0);
  return {
    lang: locale,
    subject: text.digestSubject(ctx.workspace, week),
    heading: text.digestHeading(ctx.workspace, week),
    period: weekPeriod(wording, content.week.from, content.week.to, ctx.timezone),
    noAnswers: content.sections.length === 0 ? text.noAnswers : null,
    sections: content.sections.map((s) => ({
      ...scoreLines(wording, s),
      change: changeLine(wording, s.type, s.change),
      significant: s.change?.significant ?? false,
      segments: s.segments.map(({ dimension, best, worst }) => {
        const figure = (g: typeof best) =>
          `${g.label} (${formatScore(locale, s.type, g.score)}, n = ${count(g.n)})`;
        return `${colon(locale, text.best[dimension])} ${figure(best)} · ${colon(locale, text.worst[dimension])} ${figure(worst)}`;
      }),
      comments: s.comments.map((c) => ({
        category: text.categories[c.category] ?? c.category,
        items: c.items.map((i) => ({
          comment: i.comment,
          score: i.score === null ? '–' : String(i.score),
        })),
      })),
      followUp: followUpLine(wording, s.type, s.followUp),
      dashboardUrl: s.dashboardUrl,
      dashboard: text.dashboard,
      dashboardLabel: colon(locale, text.dashboard),
    })),
    followUpHeading: text.followUpHeading,
    tasks: text.tasks(
      count(content.followUp.opened),
      count(content.followUp.resolved),
      count(content.followUp.overdue),
    ),
    sampleLabel: colon(locale, text.sample),
    sampleUrl: content.sampleUrl,
    footer: text.digestFooter(ctx.workspace),
  };
}

const render = emailTemplate<ReturnType<typeof digestView>>('digest');

export function renderDigest(content: DigestContent, ctx: DigestMailContext) {
  return render(digestView(content, ctx));
}

import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChannelName } from '../channels/channel';
import {
  BUILT_IN_TEXTS,
  builtInLocale,
  pickLocale,
  type SurveyView,
  type TemplateName,
} from '../surveys';
import { VIEWS_DIR } from '../shared/paths';
import { isRightToLeft, pickLocalized } from '../shared/locales';
import { renderTemplate } from '../shared/text-templates';
import { scaleAnchors } from './scale-anchors';

export interface MessageContext {
  company: string;
  customerName?: string | null;
  agentName?: string | null;
  link: string;
  /** The invitation's BCP-47 locale; each text falls back from it (see resolveLocale). */
  locale: string;
  /** The workspace's default locale, the fallback before English. */
  defaultLocale?: string;
  /** One-click unsubscribe URL for email (RFC 8058). */
  unsubscribeUrl?: string;
}

export interface RenderedMessage {
  text: string;
  subject?: string;
  html?: string;
  headers?: Record<string, string>;
}

/** Customer texts are plain text, rendered in the workspace-text environment. */
function renderText(template: string, vars: object): string {
  return renderTemplate(template, vars).trim();
}

let emailView: Handlebars.TemplateDelegate | undefined;
function renderEmailHtml(vars: object): string {
  emailView ??= Handlebars.compile(
    readFileSync(path.join(VIEWS_DIR, 'email/invitation.hbs'), 'utf8'),
  );
  return emailView(vars);
}

/** The message for one channel, in the invitation's locale, from the survey's templates. */
export function renderSurveyMessage(
  survey: SurveyView,
  channel: ChannelName,
  ctx: MessageContext,
  options: { reminder?: boolean } = {},
): RenderedMessage {
  const vars = messageVars(ctx);
  const pick = (name: TemplateName) =>
    renderText(pickLocale(survey.templates[name], ctx.locale, ctx.defaultLocale), vars);

  if (channel === 'email') return renderEmail(survey, ctx, vars, pick, options.reminder ?? false);
  if (channel === 'link') return { text: ctx.link };
  if (options.reminder) return { text: withLink(pick('reminder'), ctx.link) };
  return { text: withLink(pick(channel), ctx.link) };
}

/**
 * What every survey text (and each WhatsApp template variable) may use: {{company}},
 * {{customerName}} or {{customer.name}}, {{agentName}} or {{agent.name}}, {{link}}.
 */
export function messageVars(ctx: MessageContext) {
  const customerName = ctx.customerName ?? '';
  const agentName = ctx.agentName ?? '';
  return {
    company: ctx.company,
    customerName,
    agentName,
    link: ctx.link,
    customer: { name: customerName },
    agent: { name: agentName },
  };
}

/** A template that forgot {{link}} would send a survey nobody can answer. */
function withLink(text: string, link: string): string {
  return text.includes(link) ? text : `${text} ${link}`;
}

function renderEmail(
  survey: SurveyView,
  ctx: MessageContext,
  vars: object,
  pick: (name: TemplateName) => string,
  reminder: boolean,
): RenderedMessage {
  const builtIn = builtInLocale(ctx.locale, ctx.defaultLocale);
  const words = BUILT_IN_TEXTS[builtIn].email;
  const subject = `${reminder ? words.reminder : ''}${pick('emailSubject')}`;
  const intro = pick('emailText');
  const question = pickLocalized(survey.question, ctx.locale, ctx.defaultLocale);
  const questionText = renderText(question?.text ?? '', vars);
  const anchors = scaleAnchors(survey.type, survey.scale, survey.direction, builtIn);
  const scores = [];
  for (let value = survey.scale.min; value <= survey.scale.max; value++) {
    scores.push({ value, href: `${ctx.link}?score=${value}`, label: `${words.score} ${value}` });
  }
  const text = [
    intro,
    '',
    questionText,
    ...scores.map((s) => `${s.value}: ${s.href}`),
    '',
    `${words.open} ${ctx.link}`,
  ].join('\n');
  const html = renderEmailHtml({
    locale: question?.locale ?? builtIn,
    dir: isRightToLeft(question?.locale ?? builtIn) ? 'rtl' : null,
    subject,
    paragraphs: intro.split(/\n{2,}/),
    question: questionText,
    scores,
    lowLabel: anchors.low,
    highLabel: anchors.high,
    openLabel: words.open,
    link: ctx.link,
    footer: `${words.footer} ${ctx.company}.`,
  });
  const headers: Record<string, string> = {};
  if (ctx.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${ctx.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { text, subject, html, headers };
}

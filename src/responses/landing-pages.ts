import { pickLocale, type Locale } from '../surveys';
import type { AnswerContext } from './answer-context';
import { fill, textsFor, type LandingTexts } from './landing-i18n';
import { renderText, type PageModel } from '../pages';
import type { ResponseView } from './response-view';

/** View models of the survey pages: plain data in, plain data out. */
export interface FormState {
  selected: number | null;
  comment: string;
  nonce: string;
  notice?: string | null;
  scoreError?: string | null;
  commentError?: string | null;
  formError?: string | null;
}

const companyOf = (ctx: AnswerContext) => ctx.workspace.name;

function surveyText(ctx: AnswerContext, text: Parameters<typeof pickLocale>[0], locale: Locale) {
  return renderText(pickLocale(text, locale), { company: companyOf(ctx) });
}

function anchors(ctx: AnswerContext, t: LandingTexts): { low: string; high: string } | null {
  const { type, scale, direction } = ctx.survey;
  if (type === 'csat') return null;
  const [low, high] =
    type === 'nps'
      ? [t.npsLow, t.npsHigh]
      : direction === 'lower_better'
        ? [t.cesEffortLow, t.cesEffortHigh]
        : [t.cesAgreeLow, t.cesAgreeHigh];
  return { low: `${scale.min} – ${low}`, high: `${scale.max} – ${high}` };
}

export function formPage(
  ctx: AnswerContext,
  locale: Locale,
  token: string,
  state: FormState,
): PageModel {
  const t = textsFor(locale);
  const { min, max } = ctx.survey.scale;
  const words = ctx.survey.type === 'csat';
  const ends = anchors(ctx, t);
  const describedBy = [ends ? 'anchors' : null, state.scoreError ? 'score-error' : null]
    .filter(Boolean)
    .join(' ');
  const question = surveyText(ctx, ctx.survey.question, locale);
  return {
    lang: locale,
    title: question,
    company: companyOf(ctx),
    token,
    question,
    followUp: surveyText(ctx, ctx.survey.followUpQuestion, locale),
    optional: t.optional,
    send: t.send,
    words,
    describedBy,
    low: ends?.low ?? null,
    high: ends?.high ?? null,
    options: Array.from({ length: max - min + 1 }, (_, i) => ({
      value: min + i,
      checked: state.selected === min + i,
      word: words ? (t.csatWords[min + i - 1] ?? null) : null,
    })),
    ...state,
  };
}

export function thanksPage(
  ctx: AnswerContext,
  locale: Locale,
  response: ResponseView,
  options: { followUp: boolean; changeUrl: string | null },
): PageModel {
  const t = textsFor(locale);
  const positive = ['promoter', 'satisfied', 'easy'].includes(response.category ?? '');
  const heading = surveyText(ctx, ctx.survey.thankYou, locale);
  return {
    lang: locale,
    title: heading,
    company: companyOf(ctx),
    heading,
    followUp: options.followUp ? fill(t.followUp, { company: companyOf(ctx) }) : null,
    reviewUrl: positive ? ctx.survey.reviewUrl : null,
    reviewAsk: t.reviewAsk,
    reviewLink: t.reviewLink,
    changeUrl: options.changeUrl,
    change: t.change,
  };
}

export function answeredPage(ctx: AnswerContext, locale: Locale, response: ResponseView) {
  const t = textsFor(locale);
  return {
    lang: locale,
    title: t.yourAnswer,
    company: companyOf(ctx),
    heading: t.yourAnswer,
    scoreLabel: t.score,
    score: response.score ?? '—',
    commentLabel: t.comment,
    comment: response.comment,
    locked: t.locked,
  };
}

export type MessageKind = 'closed' | 'notFound' | 'error' | 'tooMany';

export function messagePage(kind: MessageKind, locale: Locale, company?: string): PageModel {
  const t = textsFor(locale);
  const heading = t[`${kind}Title`];
  return {
    lang: locale,
    title: heading,
    company: company ?? null,
    heading,
    text: t[`${kind}Text`],
  };
}

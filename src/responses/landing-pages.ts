import { builtInLocale, type Localized } from '../surveys';
import { isRightToLeft, pickLocalized } from '../shared/locales';
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

/** What the survey form needs: a survey and its workspace (an invitation's, or a preview's). */
export type FormSubject = Pick<AnswerContext, 'survey' | 'workspace'>;

const companyOf = (ctx: FormSubject) => ctx.workspace.name;

/** A survey text for the reader's locale, and the locale it turned out to be in. */
function surveyText(ctx: FormSubject, text: Localized, locale: string) {
  const picked = pickLocalized(text, locale, ctx.workspace.defaultLocale);
  return {
    text: renderText(picked?.text ?? '', { company: companyOf(ctx) }),
    lang: picked?.locale ?? builtInLocale(locale, ctx.workspace.defaultLocale),
  };
}

/** The page's `lang`, and `dir="rtl"` for Arabic, Hebrew, Persian and Urdu (ltr is the default). */
const langOf = (lang: string) => ({ lang, dir: isRightToLeft(lang) ? 'rtl' : null });

const builtIn = (ctx: FormSubject, locale: string) => textsFor(locale, ctx.workspace.defaultLocale);

function anchors(ctx: FormSubject, t: LandingTexts): { low: string; high: string } | null {
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
  ctx: FormSubject,
  locale: string,
  token: string,
  state: FormState,
): PageModel {
  const t = builtIn(ctx, locale);
  const { min, max } = ctx.survey.scale;
  const words = ctx.survey.type === 'csat';
  const ends = anchors(ctx, t);
  const describedBy = [ends ? 'anchors' : null, state.scoreError ? 'score-error' : null]
    .filter(Boolean)
    .join(' ');
  const question = surveyText(ctx, ctx.survey.question, locale);
  return {
    ...langOf(question.lang),
    title: question.text,
    company: companyOf(ctx),
    token,
    question: question.text,
    followUp: surveyText(ctx, ctx.survey.followUpQuestion, locale).text,
    optional: t.optional,
    send: t.send,
    words,
    // 0–10 wraps as two even rows on a phone (0–5, 6–10), not 7 + 4.
    wide: !words && max - min + 1 > 7,
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
  locale: string,
  response: ResponseView,
  options: { followUp: boolean; changeUrl: string | null },
): PageModel {
  const t = builtIn(ctx, locale);
  const positive = ['promoter', 'satisfied', 'easy'].includes(response.category ?? '');
  const heading = surveyText(ctx, ctx.survey.thankYou, locale);
  return {
    ...langOf(heading.lang),
    title: heading.text,
    company: companyOf(ctx),
    heading: heading.text,
    followUp: options.followUp ? fill(t.followUp, { company: companyOf(ctx) }) : null,
    reviewUrl: positive ? ctx.survey.reviewUrl : null,
    reviewAsk: t.reviewAsk,
    reviewLink: t.reviewLink,
    changeUrl: options.changeUrl,
    change: t.change,
  };
}

export function answeredPage(ctx: AnswerContext, locale: string, response: ResponseView) {
  const t = builtIn(ctx, locale);
  return {
    ...langOf(builtInLocale(locale, ctx.workspace.defaultLocale)),
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

export function messagePage(
  kind: MessageKind,
  locale: string,
  company?: string,
  workspaceDefault?: string,
): PageModel {
  const t = textsFor(locale, workspaceDefault);
  const heading = t[`${kind}Title`];
  return {
    ...langOf(builtInLocale(locale, workspaceDefault)),
    title: heading,
    company: company ?? null,
    heading,
    text: t[`${kind}Text`],
  };
}

import { countSmsSegments, type SmsSegments } from '../channels';
import { renderSurveyMessage, surveyUrl, type MessageContext } from '../invitations';
import { pickLocalized } from '../shared/locales';
import { renderTemplate, SAMPLE_VARS } from '../shared/text-templates';
import type { SurveyView } from '../surveys';

/**
 * What a customer of each locale would get from a survey, rendered with sample data by the
 * dispatcher's own renderer (render-message.ts): the SMS with its cost, the email, and the
 * address of the landing-page preview (the real survey form, see landing-preview.ts).
 */
export const SAMPLE_TOKEN = 'Q3xS8mPq2Lr7Vw0Zk5Nd1A';
export const LANDING_PREVIEW_PATH = '/app/surveys/preview/landing';
export const EMAIL_PREVIEW_PATH = '/app/surveys/preview/email';
/** Longer preview addresses are not framed: some proxies refuse long request lines. */
const MAX_PREVIEW_URL = 6000;

export interface SmsPreview extends SmsSegments {
  text: string;
  characters: number;
}

export interface LocalePreviews {
  locale: string;
  sms: { ok: true; value: SmsPreview } | { ok: false; error: string };
  email:
    | { ok: true; value: { subject: string; text: string; src: string | null } }
    | { ok: false; error: string };
  landing: { ok: true; src: string } | { ok: false; error: string | null };
}

export interface PreviewSample {
  company: string;
  publicUrl: string;
  defaultLocale: string;
}

const failure = (err: unknown) => ({
  ok: false as const,
  error: ((err as Error).message ?? String(err)).split('\n')[0]!,
});

function attempt<T>(render: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: render() };
  } catch (err) {
    return failure(err);
  }
}

export function sampleContext(sample: PreviewSample, locale: string): MessageContext {
  return {
    company: sample.company,
    customerName: SAMPLE_VARS.customerName,
    agentName: SAMPLE_VARS.agentName,
    link: surveyUrl(sample.publicUrl, SAMPLE_TOKEN),
    locale,
    defaultLocale: sample.defaultLocale,
  };
}

/** `?text=…&textLocale=…`: the text this locale's reader gets of it, and which locale that is. */
function picked(name: string, text: SurveyView['question'], locale: string, fallback: string) {
  const pick = pickLocalized(text, locale, fallback);
  return { [name]: pick?.text ?? '', [`${name}l`]: pick?.locale ?? locale };
}

function previewSrc(path: string, params: Record<string, string>): string | null {
  const src = `${path}?${new URLSearchParams(params).toString()}`;
  return src.length > MAX_PREVIEW_URL ? null : src;
}

/** The survey-page preview's address: the question and follow-up this locale's reader gets. */
export function landingPreviewSrc(view: SurveyView, locale: string, defaultLocale: string) {
  return previewSrc(LANDING_PREVIEW_PATH, {
    locale,
    type: view.type,
    max: String(view.scale.max),
    ...picked('q', view.question, locale, defaultLocale),
    ...picked('f', view.followUpQuestion, locale, defaultLocale),
  });
}

/** The HTML email preview's address: the subject, text and question this locale's reader gets. */
export function emailPreviewSrc(view: SurveyView, locale: string, defaultLocale: string) {
  return previewSrc(EMAIL_PREVIEW_PATH, {
    locale,
    type: view.type,
    max: String(view.scale.max),
    ...picked('q', view.question, locale, defaultLocale),
    ...picked('s', view.templates.emailSubject, locale, defaultLocale),
    ...picked('b', view.templates.emailText, locale, defaultLocale),
  });
}

export function previewsFor(
  view: SurveyView,
  locale: string,
  sample: PreviewSample,
): LocalePreviews {
  const ctx = sampleContext(sample, locale);
  const sms = attempt(() => {
    const { text } = renderSurveyMessage(view, 'sms', ctx);
    return { text, characters: Array.from(text).length, ...countSmsSegments(text) };
  });
  const email = attempt(() => {
    const message = renderSurveyMessage(view, 'email', ctx);
    return {
      subject: message.subject ?? '',
      text: message.text,
      src: emailPreviewSrc(view, locale, sample.defaultLocale),
    };
  });
  // The page renders these two with the workspace's name; a broken one has no page to show.
  const texts = attempt(() => {
    for (const text of [view.question, view.followUpQuestion]) {
      renderTemplate(pickLocalized(text, locale, sample.defaultLocale)?.text ?? '', {
        company: sample.company,
      });
    }
  });
  const src = texts.ok ? landingPreviewSrc(view, locale, sample.defaultLocale) : null;
  return {
    locale,
    sms,
    email,
    landing: src ? { ok: true, src } : { ok: false, error: texts.ok ? null : texts.error },
  };
}

import type { Request, Response } from 'express';
import { z } from 'zod';
import { PAGE_CSP, pageT, renderPage } from '../pages';
import { formPage } from '../responses';
import { canonicalLocale } from '../shared/locales';
import { renderSurveyMessage } from '../invitations';
import { draftSurveyView, SURVEY_TYPES } from '../surveys';
import type { WorkspaceView } from '../workspaces';
import { SAMPLE_TOKEN, sampleContext } from './survey-previews';

/**
 * The preview pages the survey editor frames, for texts given in the query so an unsaved draft
 * previews too. The survey page exactly as a customer gets it (the landing's own form view and stylesheet),
 * for a question and follow-up given in the query, so the editor can frame an unsaved draft.
 * Only this site's own pages may frame it; the editor frames it sandboxed, so its form cannot
 * be sent.
 */
export const PREVIEW_CSP = PAGE_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'");

const locale = z
  .string()
  .transform((tag, ctx) => canonicalLocale(tag) ?? (ctx.addIssue({ code: 'custom' }), z.NEVER));
const text = z.string().max(2000);

const common = {
  locale,
  type: z.enum(SURVEY_TYPES),
  max: z.coerce.number().int().min(1).max(10),
  q: text,
  ql: locale,
};
export const landingPreviewQuery = z.object({ ...common, f: text, fl: locale });
export const emailPreviewQuery = z.object({ ...common, s: text, sl: locale, b: text, bl: locale });

/**
 * The invitation email's HTML as sent, with sample data. Its styles are inline (mail clients
 * need them), so this sandboxed, script-free frame allows inline styles and nothing else.
 */
export const EMAIL_PREVIEW_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

const scaleOf = (type: string, max: number) =>
  type === 'ces' ? { min: 1, max: max === 7 ? 7 : 5 } : undefined;

export function emailPreview(
  req: Request,
  res: Response,
  workspace: WorkspaceView,
  publicUrl: string,
): void {
  res.set({ 'Content-Security-Policy': EMAIL_PREVIEW_CSP, 'Cache-Control': 'no-store' });
  const query = emailPreviewQuery.safeParse(req.query);
  if (!query.success) {
    res.status(400).type('text').send(pageT(req)('surveys.preview.badRequest'));
    return;
  }
  const { type, max, q, ql, s, sl, b, bl } = query.data;
  const survey = draftSurveyView({
    key: 'preview',
    type,
    name: '',
    scale: scaleOf(type, max),
    question: { [ql]: q },
    followUpQuestion: {},
    thankYou: {},
    templates: { emailSubject: { [sl]: s }, emailText: { [bl]: b } },
  });
  const sample = {
    company: workspace.name,
    publicUrl,
    defaultLocale: workspace.defaultLocale,
  };
  try {
    const message = renderSurveyMessage(survey, 'email', sampleContext(sample, query.data.locale));
    res
      .status(200)
      .type('html')
      .send(message.html ?? '');
  } catch (err) {
    res
      .status(400)
      .type('text')
      .send(`${pageT(req)('surveys.preview.cannotRender')} ${(err as Error).message}`);
  }
}

export function landingPreview(req: Request, res: Response, workspace: WorkspaceView): void {
  res.set({ 'Content-Security-Policy': PREVIEW_CSP, 'Cache-Control': 'no-store' });
  const query = landingPreviewQuery.safeParse(req.query);
  if (!query.success) {
    res.status(400).type('text').send(pageT(req)('surveys.preview.badRequest'));
    return;
  }
  const { type, max, q, ql, f, fl } = query.data;
  const survey = draftSurveyView({
    key: 'preview',
    type,
    name: '',
    scale: scaleOf(type, max),
    question: { [ql]: q },
    followUpQuestion: { [fl]: f },
    thankYou: {},
    templates: {},
  });
  try {
    const model = formPage({ survey, workspace }, query.data.locale, SAMPLE_TOKEN, {
      selected: null,
      comment: '',
      nonce: '',
    });
    res.status(200).type('html').send(renderPage('form', model));
  } catch (err) {
    res
      .status(400)
      .type('text')
      .send(`${pageT(req)('surveys.preview.cannotRender')} ${(err as Error).message}`);
  }
}

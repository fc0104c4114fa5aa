import type { Request, Response } from 'express';
import { z } from 'zod';
import { PAGE_CSP, pageT, renderPage } from '../pages';
import { formPage } from '../responses';
import { canonicalLocale } from '../shared/locales';
import { draftSurveyView, SURVEY_TYPES } from '../surveys';
import type { WorkspaceView } from '../workspaces';
import { SAMPLE_TOKEN } from './survey-previews';

/**
 * The survey page exactly as a customer gets it (the landing's own form view and stylesheet),
 * for a question and follow-up given in the query, so the editor can frame an unsaved draft.
 * Only this site's own pages may frame it; the editor frames it sandboxed, so its form cannot
 * be sent.
 */
export const PREVIEW_CSP = PAGE_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'");

const locale = z
  .string()
  .transform((tag, ctx) => canonicalLocale(tag) ?? (ctx.addIssue({ code: 'custom' }), z.NEVER));
const text = z.string().max(2000);

export const landingPreviewQuery = z.object({
  locale,
  type: z.enum(SURVEY_TYPES),
  max: z.coerce.number().int().min(1).max(10),
  q: text,
  ql: locale,
  f: text,
  fl: locale,
});

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
    scale: type === 'ces' ? { min: 1, max: max === 7 ? 7 : 5 } : undefined,
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

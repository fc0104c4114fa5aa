import { Router, type Request, type Response } from 'express';
import { testSendInput, type TestSend } from '../invitations';
import { compileAppView, pageT, renderAppPage, renderNotFoundPage } from '../pages';
import { AppError } from '../shared/errors';
import { parseOrThrow } from '../shared/validation';
import { localesOf } from '../shared/locales';
import type { SurveysService, SurveyView } from '../surveys';
import { requireUser, type WorkspacesService } from '../workspaces';

export interface TestSendPageDeps {
  surveys: Pick<SurveysService, 'get'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
  testSend: TestSend;
}

const view = compileAppView('app/survey-test-send.hbs');
const ID = /^[0-9a-fA-F]{24}$/;
const CHANNELS = ['sms', 'whatsapp', 'email'] as const;

interface FormValues {
  channel: string;
  to: string;
  locale: string;
}

/**
 * `/app/surveys/:id/test-send` (managers and admins): one test message of the survey to one
 * number or address, through the same service as `POST /api/v1/surveys/:id/test-send`.
 */
export function testSendPageRoutes(deps: TestSendPageDeps): Router {
  const router = Router();
  const managers = requireUser(['admin', 'manager']);

  async function load(req: Request, res: Response): Promise<SurveyView | null> {
    const id = String(req.params.id);
    if (!ID.test(id)) {
      renderNotFoundPage(req, res);
      return null;
    }
    try {
      return await deps.surveys.get(req.user!.workspaceId, id);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) {
        renderNotFoundPage(req, res);
        return null;
      }
      throw err;
    }
  }

  async function render(
    req: Request,
    res: Response,
    survey: SurveyView,
    values: FormValues,
    outcome: { sent?: { text: string | null; contentSid: string | null; providerId: string } } & {
      errors?: Record<string, string>;
      formError?: string;
    } = {},
    status = 200,
  ) {
    const t = pageT(req);
    const workspace = await deps.workspaces.getWorkspace(req.user!.workspaceId);
    // The workspace's language first, then the survey's own, then whatever was asked for.
    const locales = [
      ...new Set([workspace.defaultLocale, ...localesOf(survey.question), values.locale]),
    ].filter(Boolean);
    renderAppPage(
      req,
      res,
      view,
      {
        title: t('surveyTest.title', { name: survey.name }),
        surveyId: survey.id,
        surveyName: survey.name,
        channels: CHANNELS.map((c) => ({
          value: c,
          label: t(`surveyTest.channel.${c}`),
          selected: c === values.channel,
        })),
        locales: locales.map((l) => ({ value: l, selected: l === values.locale })),
        to: values.to,
        errors: outcome.errors ?? {},
        formError: outcome.formError ?? null,
        sent: outcome.sent ?? null,
        styles: ['surveys.css'],
      },
      status,
    );
  }

  router.get('/app/surveys/:id/test-send', managers, async (req, res) => {
    const survey = await load(req, res);
    if (!survey) return;
    // An empty language is the workspace default: render lists that one first and selects it.
    await render(req, res, survey, { channel: 'sms', to: '', locale: '' });
  });

  router.post('/app/surveys/:id/test-send', managers, async (req, res) => {
    const survey = await load(req, res);
    if (!survey) return;
    const body = req.body as Record<string, unknown>;
    const values: FormValues = {
      channel: String(body.channel ?? ''),
      to: String(body.to ?? '').trim(),
      locale: String(body.locale ?? '').trim(),
    };
    try {
      const input = parseOrThrow(
        testSendInput,
        {
          channel: values.channel,
          to: values.to,
          ...(values.locale ? { locale: values.locale } : {}),
        },
        'test send',
      );
      const sent = await deps.testSend(req.user!.workspaceId, survey.id, input);
      await render(req, res, survey, values, { sent });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const t = pageT(req);
      // The fields' own words in the page's language; the provider's refusal as it said it.
      const own: Record<string, string> = {
        to: values.channel === 'email' ? t('surveyTest.badEmail') : t('surveyTest.badPhone'),
        channel: t('surveyTest.badChannel'),
        locale: t('surveyTest.badLocale'),
      };
      const errors = Object.fromEntries(
        (err.errors ?? []).map((p) => {
          const field = p.path.split('.')[0] ?? p.path;
          const refused = err.status === 409;
          return [field, refused ? p.message : (own[field] ?? p.message)];
        }),
      );
      const formError = Object.keys(errors).length ? undefined : (err.detail ?? err.title);
      await render(req, res, survey, values, { errors, ...(formError ? { formError } : {}) }, 400);
    }
  });

  return router;
}

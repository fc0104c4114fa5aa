import { Router, type Request, type Response } from 'express';
import { compileAppView, pageT, renderAppPage, requestLocale, renderNotFoundPage } from '../pages';
import { AppError } from '../shared/errors';
import {
  draftSurveyView,
  surveyInput,
  surveyPatch,
  type SurveysService,
  type SurveyView,
} from '../surveys';
import { requireUser, type WorkspacesService } from '../workspaces';
import { emailPreview, landingPreview } from './preview-pages';
import { surveyEditorModel, scaleLabel, type FieldProblems } from './survey-editor-model';
import {
  draftOf,
  fieldOf,
  isSurveyType,
  ownTemplates,
  toSurveyBody,
  valuesForNew,
  valuesFromBody,
  valuesFromSurvey,
  type AddLocaleOutcome,
  type FormIssue,
  type SurveyFormValues,
} from './survey-form';
import { EMAIL_PREVIEW_PATH, LANDING_PREVIEW_PATH, previewsFor } from './survey-previews';

export interface SurveyEditorDeps {
  surveys: Pick<SurveysService, 'list' | 'get' | 'create' | 'update'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
  /** Survey links in the previews are built on it, so the SMS counts what will be sent. */
  publicUrl: string;
}

const views = {
  list: compileAppView('app/surveys.hbs'),
  edit: compileAppView('app/survey-edit.hbs'),
};

const ID = /^[0-9a-fA-F]{24}$/;

/** The console's survey pages: list, create, edit with live previews (managers and admins). */
export function surveyEditorRoutes(deps: SurveyEditorDeps): Router {
  const router = Router();
  const managers = requireUser(['admin', 'manager']);
  const workspaceOf = (req: Request) => deps.workspaces.getWorkspace(req.user!.workspaceId);

  router.get('/app/surveys', managers, async (req, res) => {
    const [surveys, workspace] = await Promise.all([
      deps.surveys.list(req.user!.workspaceId),
      workspaceOf(req),
    ]);
    const t = pageT(req);
    renderAppPage(req, res, views.list, {
      title: t('surveys.title'),
      styles: ['surveys.css'],
      timeZone: workspace.timezone,
      rows: [...surveys]
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
        .map((s) => listRow(s, t)),
    });
  });

  router.get(LANDING_PREVIEW_PATH, managers, async (req, res) => {
    landingPreview(req, res, await workspaceOf(req));
  });

  router.get(EMAIL_PREVIEW_PATH, managers, async (req, res) => {
    emailPreview(req, res, await workspaceOf(req), deps.publicUrl);
  });

  const render = async (
    req: Request,
    res: Response,
    page: {
      values: SurveyFormValues;
      isNew: boolean;
      action: string;
      problems?: FieldProblems;
      notice?: string | null;
      addLocale?: { value: string; outcome: AddLocaleOutcome };
      title: string;
    },
    status = 200,
  ) => {
    const workspace = await workspaceOf(req);
    const t = pageT(req);
    const view = draftSurveyView(draftOf(page.values));
    const sample = {
      company: workspace.name,
      publicUrl: deps.publicUrl,
      defaultLocale: workspace.defaultLocale,
    };
    const model = surveyEditorModel({
      values: page.values,
      isNew: page.isNew,
      action: page.action,
      problems: page.problems ?? new Map(),
      previews: page.values.locales.map((locale) => previewsFor(view, locale, sample)),
      workspaceDefault: workspace.defaultLocale,
      pageLocale: requestLocale(req),
      t,
      notice: page.notice,
      addLocale: page.addLocale,
    });
    renderAppPage(
      req,
      res,
      views.edit,
      { title: page.title, styles: ['surveys.css'], framesSelf: true, ...model },
      status,
    );
  };

  router.get('/app/surveys/new', managers, async (req, res) => {
    const workspace = await workspaceOf(req);
    const type = isSurveyType(req.query.type) ? req.query.type : 'nps';
    const t = pageT(req);
    await render(req, res, {
      values: valuesForNew(type, workspace.defaultLocale),
      isNew: true,
      action: '/app/surveys/new',
      title: t('surveys.newTitle'),
    });
  });

  router.post('/app/surveys/new', managers, async (req, res) => {
    const workspace = await workspaceOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { values, added } = valuesFromBody(body, workspace.defaultLocale);
    const page = {
      values,
      isNew: true,
      action: '/app/surveys/new',
      title: pageT(req)('surveys.newTitle'),
    };
    const built = toSurveyBody(values, { create: true });
    const parsed = surveyInput.safeParse(built.body);
    const problems = problemsOf(built.issues, parsed.error?.issues, values.locales);
    if (body.intent !== 'save') {
      const addLocale = added ? { value: String(body.addLocale), outcome: added } : undefined;
      return render(req, res, { ...page, problems, addLocale });
    }
    if (!parsed.success || problems.size) return render(req, res, { ...page, problems }, 400);
    try {
      const survey = await deps.surveys.create(req.user!.workspaceId, parsed.data);
      res.redirect(303, `/app/surveys/${survey.id}?saved=1`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      problems.set('key', err.detail ?? err.title);
      await render(req, res, { ...page, problems }, 400);
    }
  });

  const loadSurvey = async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!ID.test(id)) {
      renderNotFoundPage(req, res);
      return null;
    }
    return deps.surveys.get(req.user!.workspaceId, id);
  };

  router.get('/app/surveys/:id', managers, async (req, res) => {
    const survey = await loadSurvey(req, res);
    if (!survey) return;
    const workspace = await workspaceOf(req);
    const t = pageT(req);
    await render(req, res, {
      values: valuesFromSurvey(survey, workspace.defaultLocale),
      isNew: false,
      action: `/app/surveys/${survey.id}`,
      title: t('surveys.editTitle', { name: survey.name }),
      notice: req.query.saved === '1' ? t('surveys.saved') : null,
    });
  });

  router.post('/app/surveys/:id', managers, async (req, res) => {
    const survey = await loadSurvey(req, res);
    if (!survey) return;
    const workspace = await workspaceOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { values, added } = valuesFromBody(body, workspace.defaultLocale, survey);
    const page = {
      values,
      isNew: false,
      action: `/app/surveys/${survey.id}`,
      title: pageT(req)('surveys.editTitle', { name: survey.name }),
    };
    const built = toSurveyBody(values, { create: false, own: ownTemplates(survey) });
    const parsed = surveyPatch.safeParse(built.body);
    const problems = problemsOf(built.issues, parsed.error?.issues, values.locales);
    if (body.intent !== 'save') {
      const addLocale = added ? { value: String(body.addLocale), outcome: added } : undefined;
      return render(req, res, { ...page, problems, addLocale });
    }
    if (!parsed.success || problems.size) return render(req, res, { ...page, problems }, 400);
    try {
      await deps.surveys.update(req.user!.workspaceId, survey.id, parsed.data);
      res.redirect(303, `/app/surveys/${survey.id}?saved=1`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      for (const e of err.errors ?? [])
        problems.set(fieldOf(e.path.split('.'), values.locales), e.message);
      await render(req, res, { ...page, problems }, 400);
    }
  });

  return router;
}

/** The form's own problems first, then the API schema's; one per field. */
function problemsOf(
  form: FormIssue[],
  schema: readonly { path: PropertyKey[]; message: string }[] | undefined,
  locales: readonly string[],
): FieldProblems {
  const problems: FieldProblems = new Map();
  const issues = [
    ...form,
    ...(schema ?? []).map((i) => ({ path: i.path.map(String), message: i.message })),
  ];
  for (const issue of issues) {
    const field = fieldOf(issue.path, locales);
    if (!problems.has(field)) problems.set(field, issue.message);
  }
  return problems;
}

function listRow(s: SurveyView, t: ReturnType<typeof pageT>) {
  return {
    href: `/app/surveys/${s.id}`,
    name: s.name,
    key: s.key,
    type: t(`surveys.type.${s.type}`),
    scale: scaleLabel({ type: s.type, scaleMax: s.scale.max }, t),
    locales: Object.keys(s.question).join(', '),
    active: s.active,
    isDefault: s.isDefault,
    updatedAt: s.updatedAt,
  };
}

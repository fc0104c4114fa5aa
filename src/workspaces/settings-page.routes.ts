import express, { Router, type Request, type Response } from 'express';
import { compileAppView, pageT, renderAppPage, type Translate } from '../pages';
import { AppError, type FieldProblem } from '../shared/errors';
import {
  fieldOf,
  parseSettingsForm,
  settingsForm,
  settingsFormValues,
  type SettingsField,
  type SettingsFormValues,
} from './settings-form';
import { timeZoneGroups } from './time-zone-options';
import { actorOf, requireUser, type UsersService } from './users';
import type { WorkspacesService } from './workspaces.service';

export interface SettingsPageDeps {
  workspaces: Pick<WorkspacesService, 'getWorkspace' | 'updateSettings'>;
  users: Pick<UsersService, 'list'>;
}

const view = compileAppView('app/settings.hbs');
const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 30 });

/**
 * The catalogue text for a refused field. `byService`: the schema passed and the service said
 * no — for the webhook URL that is the SSRF policy, for a number another workspace's claim.
 */
function fieldMessage(
  t: Translate,
  field: SettingsField,
  problem: FieldProblem,
  byService: boolean,
) {
  if (field === 'chatWebhookUrl' && byService) return t('settings.error.chatWebhookBlocked');
  if (field === 'senderNumbers') {
    const number = /\+\d{7,15}/.exec(problem.message)?.[0];
    if (byService) return t('settings.error.senderTaken', { number: number ?? '' });
    const line = Number(problem.path.split('.')[1]);
    if (Number.isInteger(line)) return t('settings.error.senderLine', { line: line + 1 });
  }
  return t(`settings.error.${field}`);
}

/** /app/settings: the workspace's settings, through the service PATCH /workspace uses. */
export function settingsPageRoutes(deps: SettingsPageDeps): Router {
  const router = Router();
  const admin = requireUser(['admin']);

  const render = async (
    req: Request,
    res: Response,
    values: SettingsFormValues | null,
    errors: Partial<Record<SettingsField, string>> = {},
    status = 200,
  ) => {
    const wsId = actorOf(req).workspaceId;
    const [ws, people] = await Promise.all([
      deps.workspaces.getWorkspace(wsId),
      deps.users.list(wsId, { active: true }),
    ]);
    const t = pageT(req);
    const shown = values ?? settingsFormValues(ws);
    const saved = req.query.saved === '1' && status === 200;
    renderAppPage(
      req,
      res,
      view,
      {
        title: t('settings.title'),
        styles: ['workspace.css'],
        timeZone: ws.timezone,
        form: shown,
        errors,
        hasErrors: Object.keys(errors).length > 0,
        saved,
        zones: timeZoneGroups(shown.timezone || ws.timezone),
        locales: (['en', 'fr'] as const).map((code) => ({
          code,
          label: t(`settings.locale.${code}`),
          selected: shown.defaultLocale === code,
        })),
        digestRecipients: people
          .filter((u) => u.role === 'admin' || u.role === 'manager')
          .map((u) => ({ name: u.name, email: u.email, role: t(`roles.${u.role}`) })),
      },
      status,
    );
  };

  router.get('/app/settings', admin, (req, res) => render(req, res, null));

  router.post('/app/settings', admin, form, async (req, res) => {
    const values = settingsForm.parse(req.body ?? {});
    const t = pageT(req);
    const refuse = (problems: FieldProblem[], byService: boolean) => {
      const errors: Partial<Record<SettingsField, string>> = {};
      for (const p of problems) {
        const field = fieldOf(p.path);
        if (field && !errors[field]) errors[field] = fieldMessage(t, field, p, byService);
      }
      return render(req, res, values, errors, 400);
    };
    const parsed = parseSettingsForm(values);
    if (!parsed.ok) return refuse(parsed.problems, false);
    try {
      await deps.workspaces.updateSettings(actorOf(req).workspaceId, parsed.input);
    } catch (err) {
      if (err instanceof AppError && (err.status === 400 || err.status === 409) && err.errors) {
        return refuse(err.errors, true);
      }
      throw err;
    }
    res.redirect(303, '/app/settings?saved=1');
  });

  return router;
}

import { Router, type Request, type Response } from 'express';
import { compileAppView, pageT, renderAppPage } from '../pages';
import { AppError } from '../shared/errors';
import { API_KEY_SCOPES } from './api-key';
import {
  newRequestKey,
  parseApiKeyForm,
  scopeKey,
  type ApiKeyFields,
  type ApiKeyFormKept,
} from './api-key-forms';
import { actorOf, requireUser } from './users/require-user';
import type { ApiKeyView, IssuedApiKey, WorkspacesService } from './workspaces.service';

export interface ApiKeysPagesDeps {
  workspaces: Pick<
    WorkspacesService,
    'getWorkspace' | 'listApiKeys' | 'getApiKey' | 'issueApiKeyOnce' | 'revokeApiKey'
  >;
}

const views = {
  list: compileAppView('app/api-keys.hbs'),
  revoke: compileAppView('app/api-key-revoke.hbs'),
};

interface ListState {
  kept?: ApiKeyFormKept;
  errors?: Partial<Record<ApiKeyFields, string>>;
  created?: IssuedApiKey;
  notice?: string;
}

const idOf = (req: Request): string => {
  const id = String(req.params.id);
  if (!/^[0-9a-f]{24}$/i.test(id)) throw AppError.notFound('API key not found.');
  return id;
};

/** /app/api-keys: admins create keys (the secret shown once), see their use, and revoke them. */
export function apiKeysPagesRoutes(deps: ApiKeysPagesDeps): Router {
  const router = Router();
  const admins = requireUser(['admin']);

  const listPage = async (req: Request, res: Response, state: ListState = {}, status = 200) => {
    const wsId = actorOf(req).workspaceId;
    const t = pageT(req);
    const [keys, ws] = await Promise.all([
      deps.workspaces.listApiKeys(wsId),
      deps.workspaces.getWorkspace(wsId),
    ]);
    const kept = state.kept ?? { name: '', scopes: [], requestKey: '' };
    const scopeLabel = (scope: string) =>
      (API_KEY_SCOPES as readonly string[]).includes(scope)
        ? t(`${scopeKey(scope as (typeof API_KEY_SCOPES)[number])}.label`)
        : scope;
    const row = (k: ApiKeyView) => ({
      ...k,
      scopeList: k.scopes.map((s) => ({ code: s, label: scopeLabel(s) })),
      revokeHref: `/app/api-keys/${k.id}/revoke`,
    });
    const errors = Object.fromEntries(
      Object.entries(state.errors ?? {}).map(([field, key]) => [field, t(key!)]),
    );
    renderAppPage(
      req,
      res,
      views.list,
      {
        title: t('apiKeys.title'),
        styles: ['people.css'],
        scripts: state.created ? ['copy-secret.js'] : [],
        timeZone: ws.timezone,
        notice: state.notice,
        created: state.created,
        active: keys.filter((k) => !k.revokedAt).map(row),
        revoked: keys.filter((k) => k.revokedAt).map(row),
        form: {
          name: kept.name,
          // A form that came back keeps its request key: nothing was issued for it yet.
          requestKey: kept.requestKey || newRequestKey(),
          errors,
          scopes: API_KEY_SCOPES.map((scope) => ({
            value: scope,
            id: `scope-${scope.replace(/:/g, '-')}`,
            label: t(`${scopeKey(scope)}.label`),
            hint: t(`${scopeKey(scope)}.hint`),
            checked: kept.scopes.includes(scope),
          })),
        },
      },
      status,
    );
  };

  router.get('/app/api-keys', admins, async (req, res) => {
    const done = req.query.done === 'revoked' && typeof req.query.id === 'string';
    let notice: string | undefined;
    if (done && /^[0-9a-f]{24}$/i.test(String(req.query.id))) {
      const key = await deps.workspaces
        .getApiKey(actorOf(req).workspaceId, String(req.query.id))
        .catch(() => null);
      if (key) notice = pageT(req)('apiKeys.notice.revoked', { name: key.name });
    }
    await listPage(req, res, { notice });
  });

  router.post('/app/api-keys', admins, async (req, res) => {
    const form = parseApiKeyForm(req.body);
    if (!form.ok) return listPage(req, res, { kept: form.kept, errors: form.errors }, 400);
    const issued = await deps.workspaces.issueApiKeyOnce(
      actorOf(req).workspaceId,
      form.value,
      form.requestKey,
    );
    if (!issued) {
      return listPage(req, res, { notice: pageT(req)('apiKeys.notice.alreadyCreated') });
    }
    // Shown in this answer only: the secret is neither stored nor put in a URL.
    await listPage(req, res, { created: issued }, 201);
  });

  router.get('/app/api-keys/:id/revoke', admins, async (req, res) => {
    const ws = actorOf(req).workspaceId;
    const key = await deps.workspaces.getApiKey(ws, idOf(req));
    if (key.revokedAt) return res.redirect(303, `/app/api-keys?done=revoked&id=${key.id}`);
    const t = pageT(req);
    renderAppPage(req, res, views.revoke, {
      title: t('apiKeys.revoke.title', { name: key.name }),
      styles: ['people.css'],
      key,
    });
  });

  router.post('/app/api-keys/:id/revoke', admins, async (req, res) => {
    // Revoking twice keeps the first revocation (the service is idempotent).
    const key = await deps.workspaces.revokeApiKey(actorOf(req).workspaceId, idOf(req));
    res.redirect(303, `/app/api-keys?done=revoked&id=${key.id}`);
  });

  return router;
}

import type { RequestHandler } from 'express';
import { AppError } from '../shared/errors';
import type { ApiAuth } from '../shared/request-context';
import { hasScope, parseBearer, type ApiKeyScope } from './api-key';
import type { WorkspacesService } from './workspaces.service';
import { actorFromApiKey } from './users/require-user';

/** Resolves the bearer key to its workspace; everything after it reads req.auth. */
export function requireApiKey(workspaces: WorkspacesService, scope?: ApiKeyScope): RequestHandler {
  return async (req, _res, next) => {
    const key = parseBearer(req.get('authorization'));
    if (!key) throw AppError.unauthorized('Send your API key as "Authorization: Bearer <key>".');
    const auth = await workspaces.authenticate(key);
    if (!auth) throw AppError.unauthorized('This API key is unknown or has been revoked.');
    if (scope && !hasScope(auth.scopes, scope)) {
      throw AppError.forbidden(`This API key lacks the "${scope}" scope.`);
    }
    req.auth = auth;
    req.actor = actorFromApiKey(auth);
    next();
  };
}

/** For handlers mounted behind requireApiKey. */
export function authOf(req: { auth?: ApiAuth }): ApiAuth {
  if (!req.auth) throw AppError.unauthorized();
  return req.auth;
}

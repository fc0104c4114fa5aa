import type { Request, RequestHandler } from 'express';
import { AppError } from '../../shared/errors';
import type { Actor, ApiAuth, Role } from '../../shared/request-context';
import { hasScope, parseBearer, type ApiKeyScope } from '../api-key';
import type { WorkspacesService } from '../workspaces.service';
import { refuseForbidden } from './csrf';

/**
 * Pages: the signed-in user, with one of `roles` when given. Not signed in → redirect to
 * /login?next=<this page>; wrong role → 403 page.
 */
export function requireUser(roles?: readonly Role[]): RequestHandler {
  return (req, res, next) => {
    if (!req.user) {
      const next_ = req.method === 'GET' ? req.originalUrl : '/app';
      return res.redirect(303, `/login?next=${encodeURIComponent(next_)}`);
    }
    if (roles && !roles.includes(req.user.role)) {
      return refuseForbidden(
        req,
        res,
        `This needs one of the roles: ${roles.join(', ')}.`,
        'errors.forbiddenText',
      );
    }
    next();
  };
}

/** An API key acts workspace-wide within its scopes: like an admin with 'admin', else a manager. */
export function actorFromApiKey(auth: ApiAuth): Actor {
  return {
    kind: 'api-key',
    workspaceId: auth.workspaceId,
    role: auth.scopes.includes('admin') ? 'admin' : 'manager',
    userId: null,
    teams: [],
    scopes: auth.scopes,
  };
}

export interface AccessRule {
  /** Roles a signed-in user needs (any role when absent). */
  roles?: readonly Role[];
  /** Scope an API key needs (any valid key when absent). */
  scope?: ApiKeyScope;
}

/**
 * JSON APIs: a bearer API key (checked for `scope`), else the signed-in user (checked for
 * `roles`). 401 / 403 problem+json. Sets req.actor; read it with actorOf(req).
 */
export function requireUserOrApiKey(
  workspaces: WorkspacesService,
  rule: AccessRule = {},
): RequestHandler {
  return async (req, _res, next) => {
    const key = parseBearer(req.get('authorization'));
    if (key) {
      const auth = await workspaces.authenticate(key);
      if (!auth) throw AppError.unauthorized('This API key is unknown or has been revoked.');
      if (rule.scope && !hasScope(auth.scopes, rule.scope)) {
        throw AppError.forbidden(`This API key lacks the "${rule.scope}" scope.`);
      }
      req.auth = auth;
      req.actor = actorFromApiKey(auth);
      return next();
    }
    if (req.get('authorization') || !req.user) {
      throw AppError.unauthorized('Sign in, or send an API key as "Authorization: Bearer <key>".');
    }
    if (rule.roles && !rule.roles.includes(req.user.role)) {
      throw AppError.forbidden(`This needs one of the roles: ${rule.roles.join(', ')}.`);
    }
    next();
  };
}

/** For handlers behind requireUser or requireUserOrApiKey: who acts, in which workspace. */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw AppError.unauthorized('Sign in first.');
  return req.actor;
}

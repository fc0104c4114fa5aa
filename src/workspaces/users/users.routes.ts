import { Router } from 'express';
import { parseOrThrow } from '../../shared/validation';
import type { WorkspacesService } from '../workspaces.service';
import { actorOf, requireUserOrApiKey } from './require-user';
import type { SignInService } from './sign-in.service';
import { objectIdParam, userInvitation, userListQuery, userPatch } from './users.schema';
import type { UsersService } from './users.service';

/**
 * /api/v1/users: admins (an admin session or an API key with the admin scope) invite and
 * change users; managers may list them (to reassign work). /api/v1/me: who is calling.
 */
export function usersRoutes(
  workspaces: WorkspacesService,
  users: UsersService,
  signIn: SignInService,
): Router {
  const router = Router();
  const admins = requireUserOrApiKey(workspaces, { roles: ['admin'], scope: 'admin' });
  const readers = requireUserOrApiKey(workspaces, { roles: ['admin', 'manager'], scope: 'admin' });

  router.get('/me', requireUserOrApiKey(workspaces), (req, res) => {
    const actor = actorOf(req);
    res.json({
      kind: actor.kind,
      workspaceId: String(actor.workspaceId),
      role: actor.role,
      user: req.user
        ? {
            id: String(req.user.id),
            email: req.user.email,
            name: req.user.name,
            teams: req.user.teams,
          }
        : null,
      scopes: actor.scopes,
      csrfToken: res.locals.csrfToken ?? null,
    });
  });

  router.get('/users', readers, async (req, res) => {
    const filter = parseOrThrow(userListQuery, req.query, 'query');
    res.json({ users: await users.list(actorOf(req).workspaceId, filter) });
  });

  router.get('/users/:id', readers, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    res.json(await users.get(actorOf(req).workspaceId, id));
  });

  router.post('/users', admins, async (req, res) => {
    const input = parseOrThrow(userInvitation, req.body, 'user');
    const user = await users.create(actorOf(req).workspaceId, input);
    const invitationSent = await signIn.invite(user).then(
      () => true,
      () => false,
    );
    res
      .status(201)
      .location(`/api/v1/users/${user.id}`)
      .json({ ...user, invitationSent });
  });

  router.patch('/users/:id', admins, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    const patch = parseOrThrow(userPatch, req.body, 'user');
    res.json(await users.update(actorOf(req).workspaceId, id, patch, actorOf(req)));
  });

  return router;
}

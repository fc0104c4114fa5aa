import { Router } from 'express';
import { apiKeysPagesRoutes } from './api-keys-pages.routes';
import { accountPagesRoutes } from './users/account-pages.routes';
import type { SessionIndex } from './users/session-index';
import type { SignInService } from './users/sign-in.service';
import { usersPagesRoutes } from './users/users-pages.routes';
import type { UsersService } from './users/users.service';
import type { WorkspacesService } from './workspaces.service';

export interface PeoplePagesDeps {
  users: UsersService;
  signIn: SignInService;
  workspaces: WorkspacesService;
  sessionIndex: SessionIndex;
}

/** The console's people and access pages: /app/users, /app/api-keys, /app/account. */
export function peoplePagesRoutes(deps: PeoplePagesDeps): Router {
  const router = Router();
  router.use(usersPagesRoutes(deps));
  router.use(apiKeysPagesRoutes(deps));
  router.use(accountPagesRoutes(deps));
  return router;
}

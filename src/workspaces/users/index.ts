export {
  ROLES,
  canReassign,
  canSee,
  isAdmin,
  seesWholeWorkspace,
  visibilityFilter,
} from '../../shared/roles';
export type { Actor, Role, Owned } from '../../shared/roles';
export { requireUser, requireUserOrApiKey, actorOf, actorFromApiKey } from './require-user';
export { CSRF_FIELD, CSRF_HEADER, csrfTokenOf, refuseForbidden } from './csrf';
export { signedInArea, appPageErrors } from './auth.routes';
export { safeNext } from './safe-next';
export { usersRoutes } from './users.routes';
export { createUsersService, type UsersService, type UserView } from './users.service';
export { createSignInService, type SignInService } from './sign-in.service';
export { createPasswordHasher, type PasswordHasher } from './password-hasher';
export { createLoginLockout, type LoginLockout } from './login-lockout';
export { accountMailer } from './account-mailer';
export { userModel } from './user.model';
export { createPeopleServices } from './people-services';
export { createSessionIndex, type SessionIndex } from './session-index';
export { DEMO_USERS, seedDemoUsers, type DemoUser } from './demo-users';

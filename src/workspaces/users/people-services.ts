import type { RedisClient } from '../../shared/redis-connection';
import type { Connection } from 'mongoose';
import type { Config } from '../../../config';
import type { ChannelAdapters } from '../../channels/channel';
import type { Logger } from '../../shared/logger';
import type { WorkspacesService } from '../workspaces.service';
import { accountMailer } from './account-mailer';
import { createLoginLockout } from './login-lockout';
import { createPasswordHasher } from './password-hasher';
import { createSessionIndex } from './session-index';
import { createSignInService } from './sign-in.service';
import { createUsersService } from './users.service';

export interface PeopleDeps {
  mongo: Connection;
  redis: RedisClient;
  config: Config;
  adapters: ChannelAdapters;
  logger: Logger;
  workspaces: WorkspacesService;
}

/** Users, sign-in and each person's index of signed-in sessions, wired for the composition root. */
export function createPeopleServices(deps: PeopleDeps) {
  const hasher = createPasswordHasher(deps.config.ARGON2_MEMORY_KIB);
  const users = createUsersService(deps.mongo, hasher);
  const signIn = createSignInService({
    conn: deps.mongo,
    workspaces: deps.workspaces,
    hasher,
    lockout: createLoginLockout(deps.redis, deps.config.QUEUE_PREFIX),
    publicUrl: deps.config.PUBLIC_URL,
    sendEmail: accountMailer(deps.adapters.email, deps.config.PUBLIC_URL),
    logger: deps.logger,
  });
  const sessionIndex = createSessionIndex(deps.redis, {
    keyPrefix: deps.config.QUEUE_PREFIX,
    ttlHours: deps.config.SESSION_TTL_HOURS,
  });
  return { users, signIn, sessionIndex };
}

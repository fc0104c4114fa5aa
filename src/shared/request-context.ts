import 'pino-http';
import type { Types } from 'mongoose';

/** What the bearer-key middleware learns about a caller; every later query is scoped by it. */
export interface ApiAuth {
  workspaceId: Types.ObjectId;
  apiKeyId: Types.ObjectId;
  /** The key's visible prefix: how the audit trail names it. */
  prefix?: string;
  scopes: readonly string[];
}

export type Role = 'admin' | 'manager' | 'agent';

/** The signed-in person, loaded (and checked active) from the session on each request. */
export interface SessionUser {
  id: Types.ObjectId;
  workspaceId: Types.ObjectId;
  email: string;
  name: string;
  role: Role;
  teams: readonly string[];
  /** The app language this person chose (an APP_LOCALES code), or null: from the browser. */
  locale?: string | null;
}

/**
 * Who acts, whether a signed-in user or an API key: every query is scoped by workspaceId, and
 * visibility follows role/userId/teams (see src/workspaces/users/roles.ts). An API key acts
 * workspace-wide within its scopes (role 'admin' with the admin scope, else 'manager';
 * userId null).
 */
export interface Actor {
  kind: 'user' | 'api-key';
  workspaceId: Types.ObjectId;
  role: Role;
  userId: Types.ObjectId | null;
  teams: readonly string[];
  /** API-key scopes; empty for users. */
  scopes: readonly string[];
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: ApiAuth;
    user?: SessionUser;
    actor?: Actor;
  }
}

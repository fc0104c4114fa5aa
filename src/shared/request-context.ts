import 'pino-http';
import type { Types } from 'mongoose';

/** What the bearer-key middleware learns about a caller; every later query is scoped by it. */
export interface ApiAuth {
  workspaceId: Types.ObjectId;
  apiKeyId: Types.ObjectId;
  scopes: readonly string[];
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: ApiAuth;
  }
}

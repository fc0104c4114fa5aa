import request from 'supertest';
import type { Role } from '../../src/workspaces';
import type { TestContext, TestWorkspace } from '../support/harness';

/** Cheap argon2id for tests (the production minimum is the default); see ARGON2_MEMORY_KIB. */
export const FAST_HASHING = { ARGON2_MEMORY_KIB: '1024' };

export const PASSWORD = 'correct horse battery staple';

let seq = 0;
/** A user with a password, made through the users service; each test makes its own. */
export async function createUser(
  ctx: TestContext,
  ws: TestWorkspace,
  options: { role?: Role; teams?: string[]; email?: string; password?: string; name?: string } = {},
) {
  seq += 1;
  const email = options.email ?? `user${seq}-${Date.now()}@example.com`;
  const user = await ctx.container.services.users.create(ws.workspaceId, {
    email,
    name: options.name ?? `User ${seq}`,
    role: options.role ?? 'agent',
    teams: options.teams ?? [],
    password: options.password ?? PASSWORD,
  });
  return { ...user, password: options.password ?? PASSWORD };
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF field in the page');
  return match[1]!;
}

/** Signs in with a supertest agent (it keeps the cookie); returns the agent and a CSRF token. */
export async function signIn(
  ctx: TestContext,
  email: string,
  password = PASSWORD,
  ip = '10.0.0.1',
) {
  const agent = request.agent(ctx.app);
  await agent
    .post('/login')
    .set('X-Forwarded-For', ip)
    .type('form')
    .send({ email, password })
    .expect(303)
    .expect('Location', '/app');
  const home = await agent.get('/app').expect(200);
  return { agent, csrf: csrfFrom(home.text) };
}

/** A distinct client address per test, so per-IP limits of one test never touch another. */
let ipSeq = 0;
export function nextIp(): string {
  ipSeq += 1;
  return `10.${(ipSeq >> 8) & 255}.${ipSeq & 255}.${(process.pid % 250) + 1}`;
}

import type { Types } from 'mongoose';
import type { Role } from '../../shared/roles';
import type { UsersService } from './users.service';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  teams: string[];
  /** Development only: printed by `npm run dev`, never used outside the demo workspace. */
  password: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'admin@demo.retour',
    name: 'Ada Admin',
    role: 'admin',
    teams: [],
    password: 'demo-admin-pass',
  },
  {
    email: 'manager@demo.retour',
    name: 'Max Manager',
    role: 'manager',
    teams: ['billing', 'support'],
    password: 'demo-manager-pass',
  },
  {
    email: 'alice@demo.retour',
    name: 'Alice Agent',
    role: 'agent',
    teams: ['billing'],
    password: 'demo-agent-pass',
  },
  {
    email: 'bob@demo.retour',
    name: 'Bob Agent',
    role: 'agent',
    teams: ['support'],
    password: 'demo-agent-pass',
  },
];

/** Idempotent: adds the demo users that are missing; existing ones keep their password. */
export async function seedDemoUsers(
  users: UsersService,
  workspaceId: Types.ObjectId,
): Promise<readonly DemoUser[]> {
  const existing = new Set((await users.list(workspaceId)).map((u) => u.email));
  for (const demo of DEMO_USERS) {
    if (!existing.has(demo.email)) await users.create(workspaceId, demo);
  }
  return DEMO_USERS;
}

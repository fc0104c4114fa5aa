import { Types, type Connection } from 'mongoose';
import { seedDemoUsers, type DemoUser, type UsersService } from '../workspaces';
import { seedDemoHistory, type DemoHistoryOptions, type DemoHistoryResult } from './seed-history';

/**
 * The demo's people and history in any workspace: what `npm run dev` shows, for tests that need
 * living reports (the reports pages in a browser, for one). Returns the users with their demo
 * passwords, to sign in as the manager.
 */
export async function seedDemoPeopleAndHistory(
  deps: { users: UsersService; conn: Connection },
  workspace: Types.ObjectId | string,
  options: DemoHistoryOptions = {},
): Promise<{ users: readonly DemoUser[]; history: DemoHistoryResult }> {
  const workspaceId = new Types.ObjectId(workspace);
  const users = await seedDemoUsers(deps.users, workspaceId);
  const history = await seedDemoHistory(deps.conn, workspaceId, options);
  return { users, history };
}

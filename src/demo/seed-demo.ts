import { Types } from 'mongoose';
import type { Services } from '../composition-root';
import { seedDemoUsers, seedDemoWorkspace, type DemoUser, type WorkspaceView } from '../workspaces';

export interface DemoSeedResult {
  workspace: WorkspaceView;
  createdKey?: string;
  /** An admin, a manager and two agents (teams billing and support) with demo passwords. */
  users: readonly DemoUser[];
}

/**
 * The demo a newcomer clicks through: a workspace with its default surveys, and a trigger that
 * sends an NPS survey (SMS, else email) as soon as a ticket is solved. Quiet hours are off so the
 * flow works at any hour in development. Idempotent.
 */
export async function seedDemo(services: Services, demoKey?: string): Promise<DemoSeedResult> {
  const seed = await seedDemoWorkspace(services.workspaces, demoKey);
  const workspaceId = new Types.ObjectId(seed.workspace.id);
  await services.surveys.ensureDefaults(workspaceId);
  if ((await services.triggers.list(workspaceId)).length === 0) {
    await services.workspaces.updateSettings(workspaceId, { quietHours: null });
    const nps = await services.surveys.findDefault(workspaceId, 'nps');
    if (nps) {
      await services.triggers.create(workspaceId, {
        name: 'NPS after a solved ticket',
        eventType: 'ticket.solved',
        surveyId: nps.id,
        channels: ['sms', 'email'],
        delay: 0,
      });
    }
  }
  const users = await seedDemoUsers(services.users, workspaceId);
  return { ...seed, users };
}

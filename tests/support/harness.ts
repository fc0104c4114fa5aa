import type { Express } from 'express';
import { Types } from 'mongoose';
import { createApp } from '../../src/app';
import { buildContainer, type BuildOptions, type Container } from '../../src/composition-root';
import { API_KEY_SCOPES, type ApiKeyScope, type WorkspaceView } from '../../src/workspaces';
import { testConfig } from './test-env';

export interface TestContext {
  container: Container;
  app: Express;
  /** Drops this file's database and closes every connection. */
  close(): Promise<void>;
}

export async function startTestContext(
  label: string,
  env: Record<string, string> = {},
  options: BuildOptions = {},
): Promise<TestContext> {
  const container = await buildContainer(testConfig(label, env), options);
  const app = createApp(container);
  return {
    container,
    app,
    async close() {
      await container.mongo.dropDatabase().catch(() => undefined);
      await container.close();
    },
  };
}

export interface TestWorkspace {
  workspace: WorkspaceView;
  workspaceId: Types.ObjectId;
  key: string;
  auth: { Authorization: string };
}

/** A fresh workspace with an API key; each test makes its own data. */
export async function createTestWorkspace(
  ctx: TestContext,
  name = 'Test workspace',
  scopes: ApiKeyScope[] = [...API_KEY_SCOPES],
): Promise<TestWorkspace> {
  const { workspaces } = ctx.container.services;
  const workspace = await workspaces.createWorkspace({ name });
  const workspaceId = new Types.ObjectId(workspace.id);
  const { key } = await workspaces.issueApiKey(workspaceId, { name: 'test', scopes });
  return { workspace, workspaceId, key, auth: { Authorization: `Bearer ${key}` } };
}

/** A test workspace without quiet hours, so surveys go out whatever the time of the run. */
export async function createAnyTimeWorkspace(
  ctx: TestContext,
  name = 'Test workspace',
): Promise<TestWorkspace> {
  const ws = await createTestWorkspace(ctx, name);
  await ctx.container.services.workspaces.updateSettings(ws.workspaceId, { quietHours: null });
  return ws;
}

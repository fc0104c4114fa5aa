import { Types } from 'mongoose';
import { API_KEY_SCOPES } from './api-key';
import type { WorkspacesService, WorkspaceView } from './workspaces.service';

export const DEMO_WORKSPACE_SLUG = 'demo';

export interface DemoSeed {
  workspace: WorkspaceView;
  /** Set only when a key was created now and must be shown. */
  createdKey?: string;
}

/**
 * Idempotent: the demo workspace is created once; the demo key (given or generated) is added
 * when no key with that secret exists yet.
 */
export async function seedDemoWorkspace(
  workspaces: WorkspacesService,
  demoKey?: string,
): Promise<DemoSeed> {
  const workspace =
    (await workspaces.findWorkspaceBySlug(DEMO_WORKSPACE_SLUG)) ??
    (await workspaces.createWorkspace(
      { name: 'Acme (demo)', timezone: 'Europe/Paris', defaultLocale: 'fr' },
      DEMO_WORKSPACE_SLUG,
    ));
  if (demoKey && (await workspaces.hasApiKey(demoKey))) return { workspace };
  const existing = await workspaces.listApiKeys(toObjectId(workspace.id));
  if (!demoKey && existing.some((k) => k.name === 'demo' && !k.revokedAt)) return { workspace };
  const issued = await workspaces.issueApiKey(
    toObjectId(workspace.id),
    { name: 'demo', scopes: [...API_KEY_SCOPES] },
    demoKey,
  );
  return { workspace, createdKey: issued.key };
}

function toObjectId(id: string) {
  return new Types.ObjectId(id);
}

import { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../../shared/validation';
import { actorOf, requireUserOrApiKey, type WorkspacesService } from '../../workspaces';
import { retentionInput } from '../../workspaces/workspaces.schema';
import type { RetentionService } from './retention.service';

/** An optional policy to preview before saving it with PATCH /workspace. */
export const retentionDryRunInput = z
  .object({ retention: retentionInput.optional() })
  .strict()
  .default({});

/** The retention dry-run and the run log, for admins. */
export function retentionRoutes(
  workspaces: WorkspacesService,
  retention: RetentionService,
): Router {
  const router = Router();
  const admin = requireUserOrApiKey(workspaces, { roles: ['admin'], scope: 'admin' });
  router.post('/privacy/retention/dry-run', admin, async (req, res) => {
    const input = parseOrThrow(retentionDryRunInput, req.body ?? {}, 'dry run');
    res.json(await retention.dryRun(actorOf(req).workspaceId, input.retention ?? {}));
  });
  router.get('/privacy/retention/runs', admin, async (req, res) => {
    res.json({ runs: await retention.recentRuns(actorOf(req).workspaceId) });
  });
  return router;
}

import { Router } from 'express';
import { parseOrThrow } from '../shared/validation';
import { authOf, requireApiKey, type WorkspacesService } from '../workspaces';
import type { RewardCodes } from './reward-codes';
import { codesInput, poolParam } from './reward-pools.schema';

/**
 * Reward pools for send_message's `rewardPool`: an admin loads codes (idempotent: a code
 * already in the pool is kept, used or not) and reads how many are left.
 */
export function rewardPoolsRoutes(workspaces: WorkspacesService, rewards: RewardCodes): Router {
  const router = Router();
  const admin = requireApiKey(workspaces, 'admin');

  router.get('/reward-pools/:pool', admin, async (req, res) => {
    const { pool } = parseOrThrow(poolParam, req.params, 'path');
    res.json(await rewards.stock(authOf(req).workspaceId, pool));
  });

  router.post('/reward-pools/:pool/codes', admin, async (req, res) => {
    const { pool } = parseOrThrow(poolParam, req.params, 'path');
    const { codes } = parseOrThrow(codesInput, req.body, 'reward codes');
    const workspaceId = authOf(req).workspaceId;
    const added = await rewards.add(workspaceId, pool, codes);
    res.json({ added, ...(await rewards.stock(workspaceId, pool)) });
  });

  return router;
}

import { Router } from 'express';
import { parseOrThrow } from '../shared/validation';
import { authOf, requireApiKey, type WorkspacesService } from '../workspaces';
import { objectIdParam } from '../workspaces/workspaces.schema';
import { dryRunInput, ruleInput, rulePatch } from './rules.schema';
import type { RulesService } from './rules.service';

export function rulesRoutes(workspaces: WorkspacesService, rules: RulesService): Router {
  const router = Router();
  const admin = requireApiKey(workspaces, 'admin');

  router.get('/rules', admin, async (req, res) => {
    res.json({ rules: await rules.list(authOf(req).workspaceId) });
  });

  router.post('/rules/dry-run', admin, async (req, res) => {
    const input = parseOrThrow(dryRunInput, req.body, 'dry run');
    res.json(await rules.dryRun(authOf(req).workspaceId, input));
  });

  router.get('/rules/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    res.json(await rules.get(authOf(req).workspaceId, id));
  });

  router.post('/rules', admin, async (req, res) => {
    const input = parseOrThrow(ruleInput, req.body, 'rule');
    const rule = await rules.create(authOf(req).workspaceId, input);
    res.status(201).location(`/api/v1/rules/${rule.id}`).json(rule);
  });

  router.patch('/rules/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    const patch = parseOrThrow(rulePatch, req.body, 'rule');
    res.json(await rules.update(authOf(req).workspaceId, id, patch));
  });

  router.delete('/rules/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    await rules.remove(authOf(req).workspaceId, id);
    res.status(204).end();
  });

  return router;
}

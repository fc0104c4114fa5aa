import { Router } from 'express';
import { parseOrThrow } from '../shared/validation';
import { authOf, requireApiKey, type WorkspacesService } from '../workspaces';
import { objectIdParam } from '../workspaces/workspaces.schema';
import { surveyInput, surveyPatch } from './surveys.schema';
import type { SurveysService } from './surveys.service';

export function surveysRoutes(workspaces: WorkspacesService, surveys: SurveysService): Router {
  const router = Router();
  const admin = requireApiKey(workspaces, 'admin');

  router.get('/surveys', admin, async (req, res) => {
    res.json({ surveys: await surveys.list(authOf(req).workspaceId) });
  });

  router.get('/surveys/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    res.json(await surveys.get(authOf(req).workspaceId, id));
  });

  router.post('/surveys', admin, async (req, res) => {
    const input = parseOrThrow(surveyInput, req.body, 'survey');
    const survey = await surveys.create(authOf(req).workspaceId, input);
    res.status(201).location(`/api/v1/surveys/${survey.id}`).json(survey);
  });

  router.patch('/surveys/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    const patch = parseOrThrow(surveyPatch, req.body, 'survey');
    res.json(await surveys.update(authOf(req).workspaceId, id, patch));
  });

  return router;
}

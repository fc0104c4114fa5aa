import { Router, type Request } from 'express';
import type { Actor } from '../shared/request-context';
import { parseOrThrow } from '../shared/validation';
import { authOf, requireApiKey, type WorkspacesService } from '../workspaces';
import { objectIdParam } from '../workspaces/workspaces.schema';
import { taskListQuery, taskPatch } from './tasks.schema';
import type { TasksService } from './tasks.service';

/** An API key acts workspace-wide, like a manager (helpdesk integrations reassign and resolve). */
function apiActor(req: Request): Actor {
  const auth = authOf(req);
  return {
    kind: 'api-key',
    workspaceId: auth.workspaceId,
    role: 'manager',
    userId: null,
    teams: [],
    scopes: auth.scopes,
  };
}

export function tasksRoutes(workspaces: WorkspacesService, tasks: TasksService): Router {
  const router = Router();
  const scoped = requireApiKey(workspaces, 'tasks');

  router.get('/tasks', scoped, async (req, res) => {
    const query = parseOrThrow(taskListQuery, req.query, 'query');
    res.json(await tasks.list(apiActor(req), query));
  });

  router.get('/tasks/:id', scoped, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    res.json(await tasks.get(apiActor(req), id));
  });

  router.patch('/tasks/:id', scoped, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    const patch = parseOrThrow(taskPatch, req.body, 'task change');
    res.json(await tasks.update(apiActor(req), id, patch));
  });

  return router;
}

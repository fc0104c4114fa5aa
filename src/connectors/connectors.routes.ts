import { Router } from 'express';
import { parseOrThrow } from '../shared/validation';
import { authOf, requireApiKey, type WorkspacesService } from '../workspaces';
import { objectIdParam } from '../workspaces/workspaces.schema';
import { connectorInput, connectorPatch, deliveriesQuery } from './connectors.schema';
import type { ConnectorsService } from './connectors.service';
import type { DeliveriesService } from './deliveries.service';

export function connectorsRoutes(
  workspaces: WorkspacesService,
  connectors: ConnectorsService,
  deliveries: DeliveriesService,
): Router {
  const router = Router();
  const admin = requireApiKey(workspaces, 'admin');

  router.post('/connectors', admin, async (req, res) => {
    const input = parseOrThrow(connectorInput, req.body, 'connector');
    const connector = await connectors.create(authOf(req).workspaceId, input);
    res.status(201).location(`/api/v1/connectors/${connector.id}`).json(connector);
  });

  router.get('/connectors', admin, async (req, res) => {
    res.json({ connectors: await connectors.list(authOf(req).workspaceId) });
  });

  router.get('/connectors/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    res.json(await connectors.get(authOf(req).workspaceId, id));
  });

  router.patch('/connectors/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    const patch = parseOrThrow(connectorPatch, req.body, 'connector');
    res.json(await connectors.update(authOf(req).workspaceId, id, patch));
  });

  router.delete('/connectors/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    await connectors.remove(authOf(req).workspaceId, id);
    res.status(204).end();
  });

  router.get('/connectors/:id/deliveries', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    const query = parseOrThrow(deliveriesQuery, req.query, 'query');
    res.json(await deliveries.list(authOf(req).workspaceId, id, query));
  });

  return router;
}

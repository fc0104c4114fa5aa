import { Router } from 'express';
import { compileAppView, pageT, renderAppPage } from '../pages';
import { actorOf, requireUser, type WorkspacesService } from '../workspaces';
import { connectorsPageModel } from './connectors-page-model';
import type { ConnectorsService } from './connectors.service';
import type { DeliveriesService } from './deliveries.service';

export interface ConnectorsPageDeps {
  connectors: Pick<ConnectorsService, 'list'>;
  deliveries: Pick<DeliveriesService, 'list'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
}

const view = compileAppView('app/connectors.hbs');
const RECENT = 10;

/**
 * GET /app/connectors (admins): each connector's inbound URL, its setup steps and its recent
 * deliveries. Creating and editing stay in the API (POST/PATCH /api/v1/connectors): a secret
 * answered once belongs in a terminal, and the reference documents every field.
 */
export function connectorsPageRoutes(deps: ConnectorsPageDeps): Router {
  const router = Router();
  router.get('/app/connectors', requireUser(['admin']), async (req, res) => {
    const workspaceId = actorOf(req).workspaceId;
    const t = pageT(req);
    const [ws, connectors] = await Promise.all([
      deps.workspaces.getWorkspace(workspaceId),
      deps.connectors.list(workspaceId),
    ]);
    const withDeliveries = await Promise.all(
      connectors.map(async (connector) => ({
        connector,
        deliveries: (await deps.deliveries.list(workspaceId, connector.id, { limit: RECENT }))
          .deliveries,
      })),
    );
    renderAppPage(req, res, view, {
      title: t('connectorsPage.title'),
      styles: ['ops.css'],
      timeZone: ws.timezone,
      ...connectorsPageModel({ connectors: withDeliveries, t }),
    });
  });
  return router;
}

export { CONNECTOR_PROVIDERS, type ConnectorAdapter, type ConnectorProvider } from './adapter';
export { ADAPTERS, adapterFor } from './adapters';
export { connectorsRoutes } from './connectors.routes';
export { connectorsPageRoutes } from './connectors-page.routes';
export { createConnectorsService, type ConnectorsService } from './connectors.service';
export {
  CONNECTOR_JOB_NAME,
  createDeliveriesService,
  type ConnectorJob,
  type DeliveriesService,
} from './deliveries.service';
export { inboundRoutes, INBOUND_BODY_LIMIT } from './inbound.routes';

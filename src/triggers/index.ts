export { createTriggersService, type TriggersService, type TriggerView } from './triggers.service';
export { triggersRoutes } from './triggers.routes';
export { triggerPagesRoutes } from './trigger-pages.routes';

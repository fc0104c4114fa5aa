export {
  createInteractionsService,
  type InteractionsService,
  type InteractionResult,
} from './interactions.service';
export { interactionsRoutes } from './interactions.routes';

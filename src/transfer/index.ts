export {
  createWorkspaceTransfer,
  type WorkspaceTransfer,
  type ImportResult,
} from './workspace-transfer.service';
export { transferRoutes, NDJSON } from './transfer.routes';

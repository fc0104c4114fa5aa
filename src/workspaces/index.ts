export {
  createWorkspacesService,
  type WorkspacesService,
  type WorkspaceView,
} from './workspaces.service';
export { requireApiKey, authOf } from './require-api-key';
export { workspacesRoutes } from './workspaces.routes';
export { peoplePagesRoutes } from './people-pages';
export { API_KEY_SCOPES, type ApiKeyScope } from './api-key';
export { seedDemoWorkspace } from './demo-seed';
export * from './users';
export { settingsPageRoutes } from './settings-page.routes';

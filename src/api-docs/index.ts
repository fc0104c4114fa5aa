export { apiDocsRoutes } from './api-docs.routes';
export { buildApiDocument, buildRegistry } from './document';

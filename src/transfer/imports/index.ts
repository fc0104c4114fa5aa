export {
  createResponseImport,
  IMPORT_FORMATS,
  type ResponseImport,
  type ResponseImportResult,
} from './response-import.service';
export { importsRoutes } from './imports.routes';

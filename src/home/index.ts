export { homeRoutes, type HomeDeps } from './home.routes';

export { isOperator, parseOperatorEmails } from './operators';
export {
  mountQueueDashboard,
  QUEUE_DASHBOARD_CSP,
  QUEUE_DASHBOARD_PATH,
  type QueueDashboardDeps,
} from './queue-dashboard.routes';

export {
  createRetentionService,
  type RetentionCounts,
  type RetentionPlan,
  type RetentionRun,
  type RetentionService,
} from './retention.service';
export {
  createRetentionScheduler,
  retentionJob,
  RETENTION_SCHEDULER_ID,
} from './retention-schedule';
export { retentionRunModel } from './retention-run.model';
export { retentionRoutes } from './retention.routes';

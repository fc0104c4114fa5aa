export { createAlertsService, type AlertsService, type AlertsOutcome } from './alerts.service';
export {
  createAlertsScheduler,
  alertsJob,
  ALERTS_JOB_NAME,
  ALERTS_PATTERN,
  ALERTS_SCHEDULER_ID,
  type AlertsJob,
  type AlertsScheduler,
} from './alert-schedule';
export { decideAlert, type AlertDecision, type SegmentFigures } from './alert-decision';
export { daysToWatch, TRAILING_DAYS, type AlertDay } from './alert-days';

export {
  CATCH_UP_JOB_NAME,
  CATCH_UP_SCHEDULER_ID,
  catchUpJob,
  createCatchUpScheduler,
  type CatchUpJob,
} from './catch-up-schedule';
export {
  CATCH_UP_EVENT,
  CATCH_UP_MAX_PAGES,
  createCatchUpService,
  type CatchUpOutcome,
  type CatchUpService,
} from './catch-up.service';

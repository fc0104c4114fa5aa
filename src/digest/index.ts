export { createDigestService, type DigestService, type DigestOutcome } from './digest.service';
export {
  createDigestScheduler,
  digestJob,
  digestSchedulerId,
  DIGEST_JOB_NAME,
  DIGEST_PATTERN,
  type DigestJob,
  type DigestScheduler,
} from './digest-schedule';
export { isoWeekRange, previousIsoWeek, weekBefore, type DigestWeek } from './digest-week';
export { DIGEST_TEXT, digestText, type DigestText } from './digest-text';

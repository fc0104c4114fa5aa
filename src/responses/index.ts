import type { Connection } from 'mongoose';
import type { Counters } from '../metrics/counters';
import type { Queues } from '../shared/queues';
import type { SurveysService } from '../surveys';
import type { WorkspacesService } from '../workspaces';
import { createAnswerContexts } from './answer-context';
import { createResponsesService, type ResponsesDeps } from './responses.service';
import { createSmsReplyHandler } from './sms-reply-handler';
import { createEmailClicks } from './email-clicks/email-clicks.service';

export { landingRoutes, type LandingDeps } from './landing.routes';
export { responsesRoutes } from './responses.routes';
export { DEFAULT_LANDING_LIMITS, type LandingLimits } from './rate-limits';
export { responseJob, RESPONSE_JOB_NAME, type ResponseJob } from './response-job';
export { responseModel, SEGMENT_FIELDS, type ResponseSource } from './response.model';
export type { ResponseView } from './response-view';
export type { ResponsesService } from './responses.service';
export type { AnswerContexts } from './answer-context';
export { formPage, type FormSubject } from './landing-pages';
export { scoreCategory, isOnScale, type ScoreCategory } from './score-category';
export { parseSmsReply } from './sms-reply';
export { settleClickJob, SETTLE_CLICK_JOB_NAME } from './email-clicks/settle-click-job';
export type { EmailClicks } from './email-clicks/email-clicks.service';

export interface ResponsesComponentDeps {
  conn: Connection;
  queues: Queues;
  surveys: SurveysService;
  workspaces: WorkspacesService;
  /** Builds the survey link of an invitation (for the SMS thank-you). */
  linkFor: (invitationId: string) => string;
  willFollowUp?: ResponsesDeps['willFollowUp'];
  counters: Counters;
  onRecorded?: ResponsesDeps['onRecorded'];
  /** How long a one-click e-mail score waits for the mail's other links (EMAIL_CLICK_SETTLE_MS). */
  emailClickSettleMs: number;
  logger?: ResponsesDeps['logger'];
}

/** The responses service, plus the answer lookups and the SMS-reply handler built on it. */
export function createResponsesComponent(deps: ResponsesComponentDeps) {
  const contexts = createAnswerContexts(deps.conn, deps);
  const service = createResponsesService({
    conn: deps.conn,
    queues: deps.queues,
    contexts,
    willFollowUp: deps.willFollowUp,
    counters: deps.counters,
    onRecorded: deps.onRecorded,
  });
  const onSmsReply = createSmsReplyHandler({
    conn: deps.conn,
    contexts,
    responses: service,
    linkFor: deps.linkFor,
  });
  const emailClicks = createEmailClicks({
    conn: deps.conn,
    queues: deps.queues,
    contexts,
    responses: service,
    settleMs: deps.emailClickSettleMs,
    logger: deps.logger,
  });
  return { ...service, contexts, onSmsReply, emailClicks };
}
export type ResponsesComponent = ReturnType<typeof createResponsesComponent>;

export {
  createInvitationsService,
  type InvitationsService,
  type InvitationPlan,
  type InvitationSummary,
} from './invitations.service';
export { renderSurveyMessage, type MessageContext, type RenderedMessage } from './render-message';
export { surveyUrl } from './survey-link';
export { type TestSend } from './test-send';
export { testSendInput } from './test-send.schema';

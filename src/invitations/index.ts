export {
  createInvitationsService,
  type InvitationsService,
  type InvitationPlan,
  type InvitationSummary,
} from './invitations.service';
export { renderSurveyMessage, type MessageContext, type RenderedMessage } from './render-message';
export { surveyUrl } from './survey-link';

export {
  createInvitationsService,
  type InvitationsService,
  type InvitationPlan,
  type InvitationSummary,
} from './invitations.service';

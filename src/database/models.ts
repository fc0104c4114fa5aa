import type { Connection, Model } from 'mongoose';
import { alertLogModel } from '../alerts/alert-log.model';
import { auditEntryModel } from '../audit/audit-entry.model';
import { catchUpStateModel } from '../connectors/catch-up/catch-up-state.model';
import { connectorModel } from '../connectors/connector.model';
import { deliveryModel } from '../connectors/delivery.model';
import { writeBackModel } from '../connectors/write-back/writeback.model';
import { addressSuppressionModel } from '../contacts/address-suppression.model';
import { contactModel } from '../contacts/contact.model';
import { digestLogModel } from '../digest/digest-log.model';
import { interactionModel } from '../interactions/interaction.model';
import { invitationModel } from '../invitations/invitation.model';
import { webhookReceiptModel } from '../invitations/webhook-receipt.model';
import { whatsappSessionModel } from '../invitations/whatsapp-session.model';
import { retentionRunModel } from '../privacy/retention/retention-run.model';
import { rollupRowModel } from '../reports/rollups/rollup-row.model';
import { rollupStateModel } from '../reports/rollups/rollup-state.model';
import { responseModel } from '../responses/response.model';
import { emailClickModel } from '../responses/email-clicks/email-click.model';
import { smsReaskModel } from '../responses/sms-reask.model';
import { actionLogModel, webhookDeliveryModel } from '../rules/action-log.model';
import { rewardCodeModel } from '../rules/reward-codes';
import { ruleModel } from '../rules/rule.model';
import { outboxEntryModel } from '../shared/job-outbox/outbox-entry.model';
import { surveyModel } from '../surveys/survey.model';
import { counterModel, taskModel } from '../tasks/task.model';
import { triggerModel } from '../triggers/trigger.model';
import { apiKeyModel } from '../workspaces/api-key.model';
import { senderClaimModel } from '../workspaces/sender-claim.model';
import { passwordTokenModel, userModel } from '../workspaces/users/user.model';
import { workspaceModel } from '../workspaces/workspace.model';

type AnyModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Every model of the product. Components compile theirs when first used; indexes are built
 * (development) or checked (production) for all of them at start-up, so none may be missing
 * here — tests/unit/database-models.test.ts compares this list with the sources.
 */
const FACTORIES: ((conn: Connection) => AnyModel)[] = [
  workspaceModel,
  userModel,
  passwordTokenModel,
  apiKeyModel,
  senderClaimModel,
  contactModel,
  addressSuppressionModel,
  surveyModel,
  triggerModel,
  interactionModel,
  invitationModel,
  webhookReceiptModel,
  whatsappSessionModel,
  responseModel,
  smsReaskModel,
  emailClickModel,
  ruleModel,
  actionLogModel,
  webhookDeliveryModel,
  rewardCodeModel,
  taskModel,
  counterModel,
  digestLogModel,
  alertLogModel,
  rollupRowModel,
  rollupStateModel,
  connectorModel,
  deliveryModel,
  catchUpStateModel,
  writeBackModel,
  outboxEntryModel,
  auditEntryModel,
  retentionRunModel,
];

/** Compiles every model on the connection (each factory returns the one already compiled). */
export function registerModels(conn: Connection): AnyModel[] {
  return FACTORIES.map((factory) => factory(conn));
}

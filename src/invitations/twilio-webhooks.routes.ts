import { Router, type Request, type RequestHandler, type Response } from 'express';
import { Types } from 'mongoose';
import type { Config } from '../../config';
import {
  checkTwilioSignature,
  classifyInboundSms,
  requireTwilioSignature,
  twilioFormBody,
} from '../channels';
import { AppError } from '../shared/errors';
import type { ContactsService } from '../contacts';
import type { Counters } from '../metrics/counters';
import { parseOrThrow } from '../shared/validation';
import type { WorkspacesService } from '../workspaces';
import { createInboundRouter } from './inbound-routing';
import type { InvitationsService } from './invitations.service';
import { helpText } from './sms-help-text';
import {
  inboundMessage,
  statusCallback,
  workspaceSlugParam,
  type InboundMessage,
} from './twilio-webhooks.schema';
import type { WebhookDedupe } from './webhook-dedupe';
import type { WhatsappSessions } from './whatsapp-sessions';

/**
 * Answers a reply that is no keyword (a score by SMS) in the workspace the message was routed
 * to; returns the text to send back, if any.
 */
export type InboundReplyHandler = (
  message: InboundMessage,
  workspaceId: Types.ObjectId,
) => Promise<string | null>;

const TWILIO_OPTED_OUT = '21610';

function twiml(res: Response, message?: string | null): void {
  const escaped = message?.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  res
    .status(200)
    .type('text/xml')
    .send(
      `<?xml version="1.0" encoding="UTF-8"?><Response>${escaped ? `<Message>${escaped}</Message>` : ''}</Response>`,
    );
}

export interface TwilioWebhooksDeps {
  config: Pick<Config, 'TWILIO_AUTH_TOKEN' | 'PUBLIC_URL' | 'TWILIO_FROM' | 'TWILIO_WHATSAPP_FROM'>;
  invitations: InvitationsService;
  contacts: ContactsService;
  workspaces: WorkspacesService;
  /** Twilio retries webhooks: each MessageSid (and status) is acted on once. */
  dedupe: WebhookDedupe;
  /** Each inbound WhatsApp message opens that contact's 24-hour session window. */
  whatsappSessions: Pick<WhatsappSessions, 'recordInbound'>;
  onReply?: InboundReplyHandler;
  counters: Counters;
}

/** What a finished webhook request counts as; a handler marks a retried delivery `duplicate`. */
function webhookOutcome(status: number, duplicate: boolean): string {
  if (status === 403) return 'rejected_signature';
  if (status === 400) return 'invalid';
  if (status >= 500) return 'error';
  return duplicate ? 'duplicate' : 'accepted';
}

function countWebhook(counters: Counters, source: string): RequestHandler {
  return (_req, res, next) => {
    res.once('finish', () =>
      counters.webhook(source, webhookOutcome(res.statusCode, res.locals.duplicate === true)),
    );
    next();
  };
}

export function twilioWebhooksRoutes(deps: TwilioWebhooksDeps): Router {
  const router = Router();
  const routeInbound = createInboundRouter({
    ...deps,
    senders: { sms: deps.config.TWILIO_FROM, whatsapp: deps.config.TWILIO_WHATSAPP_FROM },
  });
  const signed = [
    twilioFormBody,
    requireTwilioSignature(deps.config.TWILIO_AUTH_TOKEN, deps.config.PUBLIC_URL),
  ];

  /**
   * A workspace's own URL: checked with its own account's auth token (Twilio signs with the
   * account's auth token even when Retour calls the API with a key), or with TWILIO_AUTH_TOKEN
   * for a workspace on the installation's account.
   */
  const workspaceSigned: RequestHandler = async (req, res, next) => {
    const { workspaceSlug } = parseOrThrow(workspaceSlugParam, req.params, 'path');
    const found = await deps.workspaces.twilioOfSlug(workspaceSlug);
    if (!found) throw AppError.notFound('No workspace answers at this webhook URL.');
    const token = found.account ? found.account.authToken : deps.config.TWILIO_AUTH_TOKEN;
    if (!token) {
      throw AppError.forbidden(
        found.account
          ? "Refused: this workspace's Twilio settings hold an API key but no auth token, and Twilio signs webhooks with the account's auth token. Add authToken to the workspace's Twilio settings."
          : 'Twilio webhooks are refused: set TWILIO_AUTH_TOKEN so their signature can be checked.',
      );
    }
    checkTwilioSignature(req, token, deps.config.PUBLIC_URL);
    res.locals.workspaceId = found.workspaceId;
    next();
  };
  const workspaceOf = (res: Response) => res.locals.workspaceId as Types.ObjectId | undefined;

  const countStatus = countWebhook(deps.counters, 'twilio_status');
  const onStatus = async (req: Request, res: Response) => {
    const body = parseOrThrow(statusCallback, req.body, 'status callback');
    const workspaceId = workspaceOf(res);
    const once = await deps.dedupe(
      `twilio-status:${body.MessageSid}:${body.MessageStatus}`,
      async () => {
        const outcome = await deps.invitations.applyReceipt({
          providerId: body.MessageSid,
          status: body.MessageStatus,
          errorCode: body.ErrorCode,
          at: new Date(),
          ...(workspaceId ? { workspaceId } : {}),
        });
        if (outcome.applied && outcome.status === 'failed' && body.ErrorCode === TWILIO_OPTED_OUT) {
          await deps.contacts.setOptOut(
            new Types.ObjectId(outcome.workspaceId),
            new Types.ObjectId(outcome.contactId),
            [outcome.channel as 'sms' | 'whatsapp'],
            true,
            'twilio-21610',
          );
        }
      },
    );
    res.locals.duplicate = once.duplicate;
    twiml(res);
  };
  router.post('/webhooks/twilio/status', countStatus, ...signed, onStatus);
  router.post(
    '/webhooks/twilio/:workspaceSlug/status',
    countStatus,
    twilioFormBody,
    workspaceSigned,
    onStatus,
  );

  const countInbound = countWebhook(deps.counters, 'twilio_inbound');
  const onInbound = async (req: Request, res: Response) => {
    const message = parseOrThrow(inboundMessage, req.body, 'inbound message');
    const workspaceId = workspaceOf(res);
    const once = await deps.dedupe(`twilio-inbound:${message.MessageSid}`, () =>
      handleInbound(message, workspaceId),
    );
    res.locals.duplicate = once.duplicate;
    // A retried delivery was answered the first time; saying it again would send it twice.
    twiml(res, once.duplicate ? null : once.result);
  };
  router.post('/webhooks/twilio/inbound', countInbound, ...signed, onInbound);
  router.post(
    '/webhooks/twilio/:workspaceSlug/inbound',
    countInbound,
    twilioFormBody,
    workspaceSigned,
    onInbound,
  );

  /**
   * What to answer an inbound message with (null: nothing). A message to a workspace's own
   * URL belongs to that workspace; one to the shared URL is routed by number and history.
   */
  async function handleInbound(
    message: InboundMessage,
    known?: Types.ObjectId,
  ): Promise<string | null> {
    const phone = message.From.replace(/^whatsapp:/, '');
    const kind = classifyInboundSms(message.Body);
    const workspaceId = known ?? (await routeInbound(message));
    if (workspaceId && message.From.startsWith('whatsapp:')) {
      await deps.whatsappSessions.recordInbound(workspaceId, phone, message.To, new Date());
    }
    if (kind === 'help') return helpText(message.Body);
    if (kind === 'opt_out' || kind === 'opt_in') {
      // A STOP no workspace can be told from (the phone never got a survey) is kept for every
      // workspace; a START like it lifts only that, never a workspace's own opt-out.
      const scope = workspaceId ? [workspaceId] : kind === 'opt_out' ? 'all' : [];
      await deps.contacts.setOptOutByPhone(
        scope,
        phone,
        ['sms', 'whatsapp'],
        kind === 'opt_out',
        kind === 'opt_out' ? 'sms-stop' : 'sms-start',
      );
      // Twilio's own opt-out handling confirms STOP and START to the customer.
      return null;
    }
    return workspaceId && deps.onReply ? await deps.onReply(message, workspaceId) : null;
  }

  return router;
}

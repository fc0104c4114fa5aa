export * from './channel';
export { buildChannelAdapters } from './build-adapters';
export { routeChannels, type ChannelRoute } from './channel-routes';
export { createDevOutbox, type DevOutbox, type OutboxEntry } from './dev-outbox';
export { devOutboxRoutes } from './dev-outbox.routes';
export { checkTwilioSignature, requireTwilioSignature, twilioFormBody } from './twilio-signature';
export type { TwilioAccount } from './twilio-account';
export { createWorkspaceTwilio, type WorkspaceTwilio } from './workspace-twilio';
export {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
  verifyWebhookSignature,
} from './webhook-signature';
export { createTwilioClient, TwilioHttpClient, type TwilioClient } from './twilio-http-client';
export { createTwilioAdapter } from './twilio.adapter';
export { createEmailAdapter } from './email.adapter';
export { createChatWebhookAdapter } from './chat-webhook.adapter';
export { createLinkAdapter } from './link.adapter';
export { countSmsSegments, type SmsSegments } from './sms-segments';
export { classifyInboundSms, type InboundSmsKind } from './sms-keywords';

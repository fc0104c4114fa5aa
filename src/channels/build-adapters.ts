import type { Config } from '../../config';
import type { Logger } from '../shared/logger';
import { createOutboundClient, type OutboundClient } from '../shared/outbound';
import type { ChannelAdapter, ChannelAdapters, ChannelName } from './channel';
import { routeChannels } from './channel-routes';
import { createChatWebhookAdapter } from './chat-webhook.adapter';
import { createDevOutbox, type DevOutbox } from './dev-outbox';
import { createEmailAdapter } from './email.adapter';
import { createLinkAdapter } from './link.adapter';
import { createNotConfiguredAdapter } from './not-configured.adapter';
import { createTwilioAdapter } from './twilio.adapter';
import { createTwilioClient, type TwilioClient } from './twilio-http-client';

/** One adapter per channel, chosen from the configuration (see routeChannels). */
export function buildChannelAdapters(
  config: Config,
  logger: Logger,
  outbox?: DevOutbox,
  outbound: OutboundClient = createOutboundClient({ allowHosts: config.OUTBOUND_ALLOW_HOSTS }),
): ChannelAdapters {
  const routes = routeChannels(config);
  let twilio: TwilioClient | undefined;
  const twilioClient = () =>
    (twilio ??= createTwilioClient({
      accountSid: config.TWILIO_ACCOUNT_SID!,
      authToken: config.TWILIO_AUTH_TOKEN!,
      apiUrl: config.TWILIO_API_URL,
    }));
  const devOutbox = () => (outbox ??= createDevOutbox(logger));

  const build = (channel: ChannelName): ChannelAdapter => {
    switch (routes[channel]) {
      case 'twilio':
        return createTwilioAdapter(channel as 'sms' | 'whatsapp', {
          client: twilioClient(),
          from: config.TWILIO_FROM,
          messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
          whatsappFrom: config.TWILIO_WHATSAPP_FROM,
        });
      case 'smtp':
        return createEmailAdapter({
          smtpUrl: config.SMTP_URL,
          from: config.MAIL_FROM,
          messageIdDomain: new URL(config.PUBLIC_URL).hostname,
        });
      case 'webhook':
        return createChatWebhookAdapter({ outbound });
      case 'link':
        return createLinkAdapter();
      case 'dev-outbox':
        return devOutbox().adapterFor(channel);
      case 'not-configured':
        return createNotConfiguredAdapter(channel, 'set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN');
    }
  };

  const adapters: ChannelAdapters = {
    sms: build('sms'),
    whatsapp: build('whatsapp'),
    email: build('email'),
    chat: build('chat'),
    link: build('link'),
  };
  logger.info({ channels: routes }, 'channel adapters ready');
  return adapters;
}

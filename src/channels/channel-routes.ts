import { defaults } from '../../config/defaults';
import type { Config } from '../../config';
import type { ChannelName } from './channel';

export type ChannelRoute = 'twilio' | 'smtp' | 'webhook' | 'link' | 'dev-outbox' | 'not-configured';

/** Where each channel's messages go with this configuration; pure so it is easy to test and log. */
export function routeChannels(config: Config): Record<ChannelName, ChannelRoute> {
  const twilio = config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN;
  const phone: ChannelRoute = twilio
    ? 'twilio'
    : config.NODE_ENV === 'production'
      ? 'not-configured'
      : 'dev-outbox';
  // SMTP_URL always has a value; only the untouched local default in development means "none".
  const email: ChannelRoute =
    config.NODE_ENV === 'development' && config.SMTP_URL === defaults.SMTP_URL
      ? 'dev-outbox'
      : 'smtp';
  return { sms: phone, whatsapp: phone, email, chat: 'webhook', link: 'link' };
}

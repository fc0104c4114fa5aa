import { randomUUID } from 'node:crypto';
import type { Logger } from '../shared/logger';
import type { ChannelAdapter, ChannelName, OutgoingMessage } from './channel';

export interface OutboxEntry {
  id: string;
  at: Date;
  channel: ChannelName;
  to: string;
  subject?: string;
  text: string;
  link: string;
  meta: OutgoingMessage['meta'];
}

export interface DevOutbox {
  adapterFor(channel: ChannelName): ChannelAdapter;
  /** Newest first. */
  list(): OutboxEntry[];
  clear(): void;
}

export const OUTBOX_LIMIT = 200;

/** Dev without Twilio or SMTP: messages are logged and kept here instead of being sent. */
export function createDevOutbox(logger?: Logger, limit = OUTBOX_LIMIT): DevOutbox {
  const entries: OutboxEntry[] = [];

  const record = (message: OutgoingMessage): OutboxEntry => {
    const entry: OutboxEntry = {
      id: `outbox-${randomUUID()}`,
      at: new Date(),
      channel: message.channel,
      to: message.to,
      ...(message.subject !== undefined ? { subject: message.subject } : {}),
      text: message.text,
      link: message.link,
      meta: { ...message.meta },
    };
    entries.push(entry);
    if (entries.length > limit) entries.splice(0, entries.length - limit);
    logger?.info(
      { outbox: { channel: entry.channel, to: entry.to, link: entry.link } },
      `dev outbox: ${entry.channel} message to ${entry.to} kept, not sent (see /dev/outbox)`,
    );
    return entry;
  };

  return {
    adapterFor(channel) {
      return {
        channel,
        async send(message) {
          return { providerId: record({ ...message, channel }).id };
        },
        async findSent(to, link, since) {
          const found = entries.find(
            (e) => e.channel === channel && e.to === to && e.link === link && e.at >= since,
          );
          return found?.id ?? null;
        },
      };
    },
    list: () => [...entries].reverse(),
    clear() {
      entries.length = 0;
    },
  };
}

import type { ChannelName } from '../channels/channel';
import {
  applyQuietHours,
  DEFAULT_QUIET_HOURS,
  isValidTimezone,
  type QuietHours,
} from './quiet-hours';

export interface ContactFacts {
  phone?: string | null;
  email?: string | null;
  timezone?: string | null;
  optedOut: Partial<Record<ChannelName, boolean>>;
  /** Last sent or answered survey of this type. */
  lastSurveyedAt?: Date | null;
}

export interface SuppressionInput {
  now: Date;
  /** In order of preference. */
  channels: ChannelName[];
  contact: ContactFacts;
  /** Chat needs a workspace webhook URL. */
  chatWebhookConfigured: boolean;
  /** Or chat goes into the interaction's own helpdesk conversation (Intercom, Chatwoot). */
  chatInConversation?: boolean;
  /** 0 = off. */
  fatigueWindowDays: number;
  /** 0..100 (percent). */
  samplingRate: number;
  /** 0 <= x < 100, drawn by the caller (deterministic per interaction); sampled out when >= samplingRate. */
  sampleDraw: number;
  /** When the send is due (occurredAt + delay). */
  sendAt: Date;
  /** Survey link expiry. */
  expiresAt: Date;
  workspaceTimezone: string;
  /** null = no quiet hours; absent = the default 21:00–09:00. */
  quietHours?: QuietHours | null;
  /** A send_message action after an answer ignores the fatigue window. */
  ignoreFatigue?: boolean;
}

export type SuppressionReason = 'opted_out' | 'fatigue' | 'sampled_out' | 'no_address' | 'expired';
export interface SkippedChannel {
  channel: ChannelName;
  reason: 'opted_out' | 'no_address';
}
export type SuppressionDecision =
  | {
      send: true;
      channel: ChannelName;
      to: string;
      sendAt: Date;
      deferredByQuietHours: boolean;
      skipped: SkippedChannel[];
    }
  | { send: false; reason: SuppressionReason; skipped: SkippedChannel[] };

const DAY_MS = 86_400_000;

/** Whether and how one invitation goes out; called when scheduling and again at send time. */
export function decideSuppression(input: SuppressionInput): SuppressionDecision {
  if (input.sampleDraw >= input.samplingRate) return refuse('sampled_out');
  if (isFatigued(input)) return refuse('fatigue');

  const { chosen, skipped } = pickChannel(input);
  if (!chosen) {
    const anyAddress = skipped.some((s) => s.reason === 'opted_out');
    return refuse(anyAddress ? 'opted_out' : 'no_address', skipped);
  }

  const { sendAt, deferred } = deferForQuietHours(input, chosen.channel);
  if (sendAt.getTime() >= input.expiresAt.getTime()) return refuse('expired', skipped);
  return { send: true, ...chosen, sendAt, deferredByQuietHours: deferred, skipped };
}

function refuse(reason: SuppressionReason, skipped: SkippedChannel[] = []): SuppressionDecision {
  return { send: false, reason, skipped };
}

function isFatigued({ ignoreFatigue, fatigueWindowDays, contact, now }: SuppressionInput): boolean {
  if (ignoreFatigue || fatigueWindowDays <= 0 || !contact.lastSurveyedAt) return false;
  return now.getTime() - contact.lastSurveyedAt.getTime() < fatigueWindowDays * DAY_MS;
}

function pickChannel(input: SuppressionInput): {
  chosen?: { channel: ChannelName; to: string };
  skipped: SkippedChannel[];
} {
  const skipped: SkippedChannel[] = [];
  for (const channel of input.channels) {
    const to = addressFor(channel, input);
    if (to === null) skipped.push({ channel, reason: 'no_address' });
    else if (input.contact.optedOut[channel]) skipped.push({ channel, reason: 'opted_out' });
    else return { chosen: { channel, to }, skipped };
  }
  return { skipped };
}

/** The recipient for a channel, '' where the channel needs none, null when it is unusable. */
function addressFor(channel: ChannelName, input: SuppressionInput): string | null {
  switch (channel) {
    case 'sms':
    case 'whatsapp':
      return nonBlank(input.contact.phone);
    case 'email':
      return nonBlank(input.contact.email);
    case 'chat':
      return input.chatWebhookConfigured || input.chatInConversation ? '' : null;
    case 'link':
      return '';
  }
}

function nonBlank(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function deferForQuietHours(
  input: SuppressionInput,
  channel: ChannelName,
): { sendAt: Date; deferred: boolean } {
  // A link-only invitation sends nothing, so there is nobody to wake up.
  const quiet = input.quietHours === undefined ? DEFAULT_QUIET_HOURS : input.quietHours;
  if (!quiet || channel === 'link') return { sendAt: input.sendAt, deferred: false };
  const contactZone = input.contact.timezone;
  const zone = contactZone && isValidTimezone(contactZone) ? contactZone : input.workspaceTimezone;
  return applyQuietHours(input.sendAt, zone, quiet);
}

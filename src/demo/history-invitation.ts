import { CHANNEL_FATE } from './history-catalog';
import { answerDelayMs, type LocalDay } from './history-calendar';
import type { Rng } from './prng';

export type SurveyChannel = 'sms' | 'whatsapp' | 'email' | 'link';
export type AnswerSource = 'web' | 'sms-reply' | 'email-click';

export interface PlannedInvitation {
  channel: SurveyChannel;
  status: 'sent' | 'delivered' | 'opened' | 'answered' | 'failed' | 'expired';
  reason: string | null;
  createdAt: Date;
  sentAt: Date;
  deliveredAt: Date | null;
  openedAt: Date | null;
  answeredAt: Date | null;
  expiresAt: Date;
  reminderSentAt: Date | null;
  history: { status: string; at: Date; detail: string | null }[];
}

export interface InvitationInput {
  channel: SurveyChannel;
  /** When the interaction happened, on which local day and hour. */
  at: Date;
  day: LocalDay;
  hour: number;
  expiryMs: number;
  reminderDelayMs: number;
  /** Multiplies the channel's answer rate (customers hit by an outage answer more). */
  answerBoost: number;
  now: Date;
}

/**
 * One invitation's life as the dispatch worker, the receipts and the answering flow would have
 * recorded it by `now`: sent at once, failed or delivered (SMS, WhatsApp) or only sent (email,
 * link), then answered (with the way the customer answered), opened and left, or expired. A
 * reminder goes a day later to those who had not answered by then.
 */
export function planInvitation(
  input: InvitationInput,
  rng: Rng,
): { invitation: PlannedInvitation; source: AnswerSource | null } {
  const { channel, now } = input;
  const fate = CHANNEL_FATE[channel]!;
  const createdAt = new Date(+input.at + rng.int(1, 5) * 1000);
  const sentAt = new Date(+createdAt + rng.int(1, 20) * 1000);
  const history: PlannedInvitation['history'] = [
    { status: 'scheduled', at: createdAt, detail: null },
    { status: 'sending', at: sentAt, detail: null },
    { status: 'sent', at: sentAt, detail: null },
  ];
  const invitation: PlannedInvitation = {
    channel,
    status: 'sent',
    reason: null,
    createdAt,
    sentAt,
    deliveredAt: null,
    openedAt: null,
    answeredAt: null,
    expiresAt: new Date(+input.at + input.expiryMs),
    reminderSentAt: null,
    history,
  };
  const move = (status: PlannedInvitation['status'], at: Date, detail: string | null = null) => {
    invitation.status = status;
    history.push({ status, at, detail });
  };

  if (rng.chance(fate.failed)) {
    const failedAt = new Date(+sentAt + rng.int(2, 60) * 1000);
    if (failedAt <= now) {
      invitation.reason =
        channel === 'email' ? '550 5.1.1 mailbox unavailable' : '30003 unreachable handset';
      move('failed', failedAt, invitation.reason);
    }
    return { invitation, source: null };
  }
  if (fate.receipt) {
    const deliveredAt = new Date(+sentAt + rng.int(2, 30) * 1000);
    if (deliveredAt <= now) {
      invitation.deliveredAt = deliveredAt;
      move('delivered', deliveredAt);
    }
  }

  const willAnswer = rng.chance(Math.min(0.9, fate.answered * input.answerBoost));
  const delay = answerDelayMs(sentAt, input.day, input.hour, input.reminderDelayMs, rng);
  const answeredAt = new Date(+sentAt + delay);
  const reminderAt = new Date(+sentAt + input.reminderDelayMs + rng.int(5, 120) * 1000);
  const answered = willAnswer && answeredAt <= now && answeredAt < invitation.expiresAt;
  if (channel !== 'link' && (!answered || answeredAt > reminderAt) && reminderAt <= now) {
    invitation.reminderSentAt = reminderAt;
  }

  if (!answered) {
    const openedAt = new Date(+sentAt + rng.int(60, 6 * 3600) * 1000);
    if (!willAnswer && rng.chance(0.15) && openedAt <= now) {
      invitation.openedAt = openedAt;
      move('opened', openedAt);
    }
    if (invitation.expiresAt <= now) move('expired', invitation.expiresAt);
    return { invitation, source: null };
  }

  const source: AnswerSource =
    channel === 'sms' || channel === 'whatsapp'
      ? rng.chance(0.65)
        ? 'sms-reply'
        : 'web'
      : channel === 'email' && rng.chance(0.55)
        ? 'email-click'
        : 'web';
  if (source !== 'sms-reply') {
    invitation.openedAt = new Date(+answeredAt - rng.int(15, 180) * 1000);
    move('opened', invitation.openedAt);
  }
  invitation.answeredAt = answeredAt;
  move('answered', answeredAt);
  return { invitation, source };
}

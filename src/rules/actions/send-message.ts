import { UnrecoverableError } from 'bullmq';
import { Types } from 'mongoose';
import { z } from 'zod';
import { PermanentSendError, TransientSendError, type ChannelName } from '../../channels/channel';
import { contactModel, type ContactDoc } from '../../contacts/contact.model';
import { decideSuppression } from '../../invitations/suppression';
import { planWhatsappMessage } from '../../invitations/whatsapp-message';
import { createWhatsappSessions } from '../../invitations/whatsapp-sessions';
import { responseModel } from '../../responses/response.model';
import { actionLogModel, type ActionLogDoc } from '../action-log.model';
import { ruleModel, type RuleDoc } from '../rule.model';
import type { SendMessageAction } from '../rules.schema';
import type { ActionDeps, ActionResult, ActionRun, StoredResponse } from './action-context';
import { pickText, renderText } from './message-text';

const objectIdText = z.string().regex(/^[0-9a-f]{24}$/);
export const messageJob = z.object({ workspaceId: objectIdText, logId: objectIdText });
export type MessageJob = z.infer<typeof messageJob>;

const FAR_FUTURE = new Date('2999-01-01T00:00:00Z');

async function decide(
  deps: ActionDeps,
  workspaceId: Types.ObjectId,
  channel: string,
  contact: ContactDoc | null,
) {
  const workspace = await deps.workspaces.getSendSettings(workspaceId);
  const now = deps.clock();
  return decideSuppression({
    now,
    channels: [channel as ChannelName],
    contact: {
      phone: contact?.phone,
      email: contact?.email,
      timezone: contact?.timezone,
      optedOut: (contact?.optOut ?? {}) as Partial<Record<ChannelName, boolean>>,
    },
    chatWebhookConfigured: false,
    fatigueWindowDays: 0,
    samplingRate: 100,
    sampleDraw: 0,
    sendAt: now,
    expiresAt: FAR_FUTURE,
    workspaceTimezone: workspace.timezone,
    quietHours: workspace.quietHours,
    ignoreFatigue: true,
  });
}

const channelOf = (action: SendMessageAction, response: StoredResponse) =>
  action.channel ?? response.channel ?? null;

/**
 * In the rules worker: checks opt-outs and quiet hours, then hands the send to the
 * 'rule-messages' queue (job id = action log id, delayed past quiet hours).
 */
export async function planMessage(
  deps: ActionDeps,
  run: ActionRun,
  action: SendMessageAction,
): Promise<ActionResult> {
  const channel = channelOf(action, run.response);
  if (channel !== 'sms' && channel !== 'whatsapp' && channel !== 'email') {
    return { status: 'skipped', reason: `cannot message on channel "${channel ?? 'none'}"` };
  }
  const decision = await decide(deps, run.workspaceId, channel, run.contact);
  if (!decision.send) return { status: 'skipped', reason: decision.reason };
  const delay = Math.max(0, decision.sendAt.getTime() - deps.clock().getTime());
  const job: MessageJob = { workspaceId: String(run.workspaceId), logId: String(run.logId) };
  await deps.queues['rule-messages'].add('message', job, {
    jobId: `msg-${job.logId}`,
    delay,
    attempts: 6,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  });
  return { status: 'queued', result: { channel, sendAt: decision.sendAt.toISOString() } };
}

/** In the 'rule-messages' worker: claims the log (→ sending), renders and sends once. */
export async function deliverMessage(deps: ActionDeps, job: MessageJob): Promise<string> {
  const Logs = actionLogModel(deps.conn);
  // 'running' too: the job can start before the rules worker has marked the log 'queued' (it
  // does so right after enqueueing); waiting for that mark would drop the message.
  const log = await Logs.findOneAndUpdate(
    {
      _id: job.logId,
      workspaceId: job.workspaceId,
      status: { $in: ['running', 'queued', 'retry'] },
    },
    { $set: { status: 'sending' } },
    { returnDocument: 'after' },
  ).lean<ActionLogDoc>();
  if (!log) return 'already handled';
  const finish = async (
    status: 'done' | 'skipped' | 'failed' | 'retry',
    extra: Record<string, unknown>,
  ) => {
    await Logs.updateOne({ _id: log._id }, { $set: { status, ...extra } });
    deps.counters.ruleAction('send_message', status);
  };

  try {
    const outcome = await sendFor(deps, log);
    await finish(
      outcome.status,
      outcome.status === 'done' ? { result: outcome.result } : { error: outcome.reason },
    );
    return outcome.status;
  } catch (err) {
    if (err instanceof TransientSendError) {
      await finish('retry', { error: err.message });
      throw err;
    }
    await finish('failed', { error: err instanceof Error ? err.message : String(err) });
    if (err instanceof PermanentSendError) return 'failed';
    throw new UnrecoverableError(String(err));
  }
}

type SendOutcome =
  | { status: 'done'; result: Record<string, unknown> }
  | { status: 'skipped' | 'failed'; reason: string };

async function sendFor(deps: ActionDeps, log: ActionLogDoc): Promise<SendOutcome> {
  const workspaceId = log.workspaceId;
  const rule = await ruleModel(deps.conn).findOne({ _id: log.ruleId, workspaceId }).lean<RuleDoc>();
  const action = rule?.actions[log.actionIndex] as SendMessageAction | undefined;
  if (!action || action.type !== 'send_message')
    return { status: 'failed', reason: 'the rule or action is gone' };
  const response = await responseModel(deps.conn)
    .findOne({ _id: log.responseId, workspaceId })
    .lean<StoredResponse>();
  if (!response) return { status: 'failed', reason: 'the response is gone' };
  const contact = await contactModel(deps.conn)
    .findOne({ _id: response.contactId, workspaceId })
    .lean<ContactDoc>();
  const channel = channelOf(action, response) ?? '';
  // Opt-outs may have changed while the message waited out quiet hours.
  const decision = await decide(deps, workspaceId, channel, contact);
  if (!decision.send) return { status: 'skipped', reason: decision.reason };

  const workspace = await deps.workspaces.getSendSettings(workspaceId);
  const adapters =
    deps.workspaceTwilio?.adaptersFor(workspace.id, workspace.twilioAccount) ?? deps.adapters;
  // WhatsApp: free-form inside the contact's 24-hour window, else an approved template or
  // nothing (checked before a reward code is handed out for a message that cannot go).
  const lastInboundAt =
    decision.channel === 'whatsapp'
      ? await createWhatsappSessions(deps.conn).lastInbound(
          workspaceId,
          decision.to,
          adapters.whatsapp.sender,
        )
      : null;
  const planWhatsapp =
    decision.channel === 'whatsapp'
      ? (vars: object) =>
          planWhatsappMessage({
            lastInboundAt,
            now: deps.clock(),
            content: action.whatsappContent ?? {},
            locale: response.locale,
            textLocale: workspace.defaultLocale,
            vars,
          })
      : null;
  if (planWhatsapp?.({}).kind === 'no_template')
    return { status: 'skipped', reason: 'no_whatsapp_template' };

  const key = `${String(log.responseId)}:${log.ruleId}:${log.actionIndex}`;
  const rewardCode = action.rewardPool
    ? await deps.rewards.claim(workspaceId, action.rewardPool, key)
    : null;
  if (action.rewardPool && !rewardCode)
    return { status: 'failed', reason: `reward pool "${action.rewardPool}" is empty` };

  const locale = response.locale;
  const vars = {
    company: workspace.name,
    customerName: contact?.name ?? '',
    agentName: response.segment.agentName ?? '',
    score: response.score,
    comment: response.comment ?? '',
    rewardCode: rewardCode ?? '',
  };
  const text = renderText(pickText(action.text, locale, workspace.defaultLocale), vars);
  const subject = action.subject
    ? renderText(pickText(action.subject, locale, workspace.defaultLocale), vars)
    : workspace.name;
  const whatsapp = planWhatsapp?.(vars) ?? null;
  const domain = new URL(deps.publicUrl).hostname;
  const sent = await adapters[decision.channel].send({
    channel: decision.channel,
    to: decision.to,
    text,
    ...(whatsapp?.kind === 'template'
      ? { content: { sid: whatsapp.contentSid, variables: whatsapp.variables } }
      : {}),
    ...(decision.channel === 'email'
      ? { subject, headers: { 'Message-ID': `<rule-${String(log._id)}@${domain}>` } }
      : {}),
    link: deps.publicUrl,
    meta: {
      workspaceId: String(workspaceId),
      invitationId: String(response.invitationId ?? new Types.ObjectId()),
      surveyType: response.surveyType,
      locale,
    },
  });
  return {
    status: 'done',
    result: { channel: decision.channel, providerId: sent.providerId, rewardCode },
  };
}

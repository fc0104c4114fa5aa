import type { Connection, Types } from 'mongoose';
import type { WorkspaceTwilio } from '../../channels/workspace-twilio';
import type { ChannelAdapters } from '../../channels/channel';
import type { ContactDoc } from '../../contacts';
import type { ResponseDoc } from '../../responses/response.model';
import type { Counters } from '../../metrics/counters';
import type { Logger } from '../../shared/logger';
import type { OutboundClient } from '../../shared/outbound';
import type { Queues } from '../../shared/queues';
import type { Mailer, TasksService, UserDirectory } from '../../tasks';
import type { WorkspacesService } from '../../workspaces';
import type { RewardCodes } from '../reward-codes';

export interface RulesOptions {
  /** First retry delay of an outgoing webhook (doubles each time). */
  webhookRetryDelayMs: number;
  webhookAttempts: number;
  webhookTimeoutMs: number;
}

export const DEFAULT_RULES_OPTIONS: RulesOptions = {
  webhookRetryDelayMs: 10_000,
  webhookAttempts: 6,
  webhookTimeoutMs: 10_000,
};

export interface ActionDeps {
  conn: Connection;
  queues: Queues;
  adapters: ChannelAdapters;
  /** Workspaces with their own Twilio account message customers through it. */
  workspaceTwilio?: WorkspaceTwilio;
  workspaces: WorkspacesService;
  tasks: TasksService;
  directory: UserDirectory;
  mail: Mailer;
  rewards: RewardCodes;
  publicUrl: string;
  /** SSRF-guarded HTTP for the notify webhooks. */
  outbound: OutboundClient;
  /** Internal hosts a rule's webhook URL may name (OUTBOUND_ALLOW_HOSTS). */
  allowHosts: readonly string[];
  logger: Logger;
  counters: Counters;
  options: RulesOptions;
  clock: () => Date;
}

export type StoredResponse = ResponseDoc & { tags?: string[] };

/** One planned action about to take effect. */
export interface ActionRun {
  workspaceId: Types.ObjectId;
  response: StoredResponse;
  contact: ContactDoc | null;
  ruleId: string;
  ruleName: string;
  index: number;
  /** "<responseId>:<ruleId>:<index>", the action log key as text. */
  key: string;
  logId: Types.ObjectId;
}

export type ActionResult =
  | { status: 'done' | 'queued'; result?: Record<string, unknown> }
  | { status: 'skipped'; reason: string };

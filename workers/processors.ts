import { CHANNELS, type ChannelName } from '../src/channels/channel';
import type { Container } from '../src/composition-root';
import { connectorBackoff } from '../src/connectors/enrichment';
import { dispatchQueueName } from '../src/shared/queues';
import { alertsProcessor } from './alerts.processor';
import { connectorCatchUpProcessor } from './connector-catchup.processor';
import { connectorsProcessor } from './connectors.processor';
import { connectorWriteBackProcessor } from './connector-writeback.processor';
import { digestProcessor } from './digest.processor';
import { rollupsProcessor } from './rollups.processor';
import { dispatchProcessor } from './dispatch.processor';
import { responsesProcessor } from './responses.processor';
import { retentionProcessor } from './retention.processor';
import { ruleMessagesProcessor } from './rule-messages.processor';
import { taskSlaProcessor } from './task-sla.processor';
import { webhooksProcessor } from './webhooks.processor';
import type { ProcessorMap } from './run-workers';

function sendRate(container: Container, channel: ChannelName): number | undefined {
  const c = container.config;
  const rates: Record<ChannelName, number | undefined> = {
    sms: c.SEND_RATE_SMS,
    whatsapp: c.SEND_RATE_WHATSAPP,
    email: c.SEND_RATE_EMAIL,
    chat: c.SEND_RATE_CHAT,
    link: undefined,
  };
  return rates[channel];
}

/** One processor per queue; each lives in its own file. */
export function buildProcessors(container: Container): ProcessorMap {
  const map: ProcessorMap = {};
  const dispatch = dispatchProcessor(container.services.dispatch);
  for (const channel of CHANNELS) {
    const rate = sendRate(container, channel);
    map[dispatchQueueName(channel)] = {
      processor: dispatch,
      concurrency: container.config.DISPATCH_CONCURRENCY,
      ...(rate ? { limiter: { max: rate, duration: 1000 } } : {}),
    };
  }
  map.expiry = { processor: dispatch, concurrency: 5 };
  map.responses = { processor: responsesProcessor(container), concurrency: 5 };
  map['rule-messages'] = { processor: ruleMessagesProcessor(container), concurrency: 5 };
  map.webhooks = { processor: webhooksProcessor(container), concurrency: 5 };
  map['task-sla'] = { processor: taskSlaProcessor(container), concurrency: 2 };
  map.digest = { processor: digestProcessor(container), concurrency: 1 };
  map.alerts = { processor: alertsProcessor(container), concurrency: 1 };
  map.rollups = { processor: rollupsProcessor(container), concurrency: 1 };
  map.connectors = {
    processor: connectorsProcessor(container),
    concurrency: 5,
    backoffStrategy: connectorBackoff,
  };
  map['connector-catchup'] = { processor: connectorCatchUpProcessor(container), concurrency: 1 };
  map['connector-writeback'] = {
    processor: connectorWriteBackProcessor(container),
    concurrency: 5,
    backoffStrategy: connectorBackoff,
  };
  map.privacy = { processor: retentionProcessor(container), concurrency: 1 };
  return map;
}

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Counters } from './counters';
import { QUEUE_STATES, queueDepthReader, type CountableQueue } from './queue-depth';

export interface QueueWatchOptions {
  cacheMs?: number;
  timeoutMs?: number;
}

/**
 * One registry per container (tests build many containers in one process), with every metric
 * Retour exports. The composition root creates it and hands `counters` to the services.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpDuration = new Histogram({
    name: 'retour_http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status code.',
    labelNames: ['route', 'method', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'retour_job_duration_seconds',
    help: 'BullMQ job processing time by queue and outcome (completed, failed, delayed).',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const invitations = new Counter({
    name: 'retour_invitations_total',
    help: 'Invitations that reached a status (sent, failed, suppressed, expired), by channel.',
    labelNames: ['channel', 'status'] as const,
    registers: [registry],
  });
  const responses = new Counter({
    name: 'retour_responses_total',
    help: 'First answers stored, by survey type and the channel they came in by.',
    labelNames: ['survey_type', 'channel'] as const,
    registers: [registry],
  });
  const ruleActions = new Counter({
    name: 'retour_rule_actions_total',
    help: 'Rule actions settled, by kind and outcome (done, skipped, failed, retry).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'retour_inbound_webhooks_total',
    help: 'Inbound webhooks answered, by source and outcome.',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
  });

  const counters: Counters = {
    invitation: (channel, status) => invitations.inc({ channel, status }),
    response: (surveyType, channel) => responses.inc({ survey_type: surveyType, channel }),
    ruleAction: (kind, outcome) => ruleActions.inc({ kind, outcome }),
    webhook: (source, outcome) => webhooks.inc({ source, outcome }),
  };

  return {
    registry,
    httpDuration,
    jobDuration,
    counters,

    /** Queue depth gauges, read from Redis on scrape (cached); left out while Redis is down. */
    watchQueues(queues: readonly CountableQueue[], options: QueueWatchOptions = {}): void {
      const read = queueDepthReader(queues, options);
      // Both gauges share one cached read, so they always agree.
      new Gauge({
        name: 'retour_queue_counts_up',
        help: '1 when the queue counts were read from Redis for this scrape, 0 when not.',
        registers: [registry],
        async collect() {
          this.set((await read()) ? 1 : 0);
        },
      });
      new Gauge({
        name: 'retour_queue_jobs',
        help: 'Jobs per BullMQ queue and state (waiting, active, delayed, failed).',
        labelNames: ['queue', 'state'] as const,
        registers: [registry],
        async collect() {
          const counts = await read();
          this.reset();
          if (!counts) return;
          for (const [queue, byState] of Object.entries(counts)) {
            for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state]);
          }
        },
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

import { randomUUID } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { interactionInput } from '../interactions/interactions.schema';
import type { InteractionsService } from '../interactions';
import type { Counters } from '../metrics/counters';
import { AppError } from '../shared/errors';
import { isDuplicateKey } from '../shared/mongo-errors';
import type { OutboxQueue } from '../shared/job-outbox';
import type { OutboundClient } from '../shared/outbound';
import { zodProblems } from '../shared/validation';
import type { InboundDelivery } from './adapter';
import { adapterFor } from './adapters';
import type { ConnectorsService, OpenConnector } from './connectors.service';
import { bodyBytes, deliveryModel, type DeliveryDoc, type DeliveryOutcome } from './delivery.model';
import { decodeCursor, encodeCursor } from './delivery-cursor';
import { CONNECTOR_BACKOFF, describeEnrichment, enrichDraft } from './enrichment';
import { writeBackEntries, type WriteBackEntry } from './write-back/writeback.service';

export const CONNECTOR_JOB_NAME = 'delivery';
export interface ConnectorJob {
  workspaceId: string;
  deliveryId: string;
}

/** What POST /webhooks/connectors/:id answers. */
export type InboundAnswer =
  | { status: 202; body: { accepted: true } }
  | { status: 200; body: { duplicate: true } | { ignored: string } }
  | { status: 400 | 401 | 404; detail: string };

export interface DeliveryView {
  id: string;
  receivedAt: string;
  event: string | null;
  externalId: string | null;
  outcome: DeliveryOutcome;
  reason: string | null;
  interactionId: string | null;
  duplicateOf: string | null;
  enrichment: string | null;
  /** Every write-back attempt for this delivery's interaction (note, tags), oldest first. */
  writeBack: WriteBackEntry[];
}

/** Headers never kept with a stored delivery. */
const DROPPED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export interface DeliveriesDeps {
  conn: Connection;
  connectors: ConnectorsService;
  interactions: InteractionsService;
  queue: OutboxQueue;
  /** The SSRF-guarded client the enrichment calls the provider's API with. */
  outbound: OutboundClient;
  counters: Counters;
  clock?: () => Date;
}

/** The inbound webhook counter's outcome for an answer. */
function inboundOutcome(answer: InboundAnswer): string {
  if (answer.status === 202) return 'accepted';
  if (answer.status === 200) return 'duplicate' in answer.body ? 'duplicate' : 'ignored';
  if (answer.status === 401) return 'rejected_signature';
  return answer.status === 400 ? 'invalid' : 'not_found';
}

export function createDeliveriesService(deps: DeliveriesDeps) {
  const Deliveries = deliveryModel(deps.conn);
  const now = deps.clock ?? (() => new Date());

  const enqueue = (workspaceId: Types.ObjectId, deliveryId: Types.ObjectId) =>
    deps.queue.add(
      CONNECTOR_JOB_NAME,
      { workspaceId: String(workspaceId), deliveryId: String(deliveryId) } satisfies ConnectorJob,
      {
        // One job per stored delivery: a second add (a retry of a parked one) is a no-op.
        jobId: `cd-${String(deliveryId)}`,
        attempts: 5,
        // Exponential from 2 s, and never sooner than a provider API's Retry-After.
        backoff: { type: CONNECTOR_BACKOFF, delay: 2000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );

  const base = (c: OpenConnector) => ({
    workspaceId: c.workspaceId,
    connectorId: c.id,
    provider: c.provider,
  });

  /** A repeat gets its own log row; if the original never reached its queue, it goes now. */
  const recordDuplicate = async (c: OpenConnector, dedupeKey: string, event: string) => {
    const original = await Deliveries.findOne({ connectorId: c.id, dedupeKey }).lean<DeliveryDoc>();
    await Deliveries.create({
      ...base(c),
      dedupeKey: `duplicate:${randomUUID()}`,
      event,
      externalId: original?.externalId ?? null,
      outcome: 'duplicate',
      duplicateOf: original?._id ?? null,
    });
    if (original?.outcome === 'queued') await enqueue(c.workspaceId, original._id);
  };

  const settle = (
    doc: DeliveryDoc,
    outcome: DeliveryOutcome,
    fields: { reason?: string | null; interactionId?: string | null; enrichment?: string | null },
  ) =>
    Deliveries.updateOne(
      { _id: doc._id, workspaceId: doc.workspaceId },
      { $set: { outcome, ...fields } },
    );

  /** Verify, classify, store once, queue: everything POST /webhooks/connectors/:id does. */
  const answerDelivery = async (
    connector: OpenConnector | null,
    delivery: InboundDelivery,
  ): Promise<InboundAnswer> => {
    const adapter = connector && adapterFor(connector.provider);
    if (!connector || !adapter) return { status: 404, detail: 'No such connector.' };
    // An empty key would make a signature anybody can compute.
    if (!connector.settings.secret)
      return {
        status: 401,
        detail: 'The connector has no signing secret yet: set signingSecret.',
      };
    const verified = adapter.verify(delivery, connector.settings, now());
    if (!verified.ok) return { status: 401, detail: 'The delivery signature is missing or wrong.' };
    const c = adapter.classify(delivery, connector.settings);
    if (c.kind === 'invalid') return { status: 400, detail: c.reason };
    if (c.kind === 'ignored') {
      try {
        await Deliveries.create({
          ...base(connector),
          // Namespaced, so an ignored event never blocks a later close with the same key.
          dedupeKey: `ignored:${c.dedupeKey ?? randomUUID()}`,
          event: c.event,
          outcome: 'ignored',
          reason: c.reason,
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      return { status: 200, body: { ignored: c.reason } };
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(delivery.headers)) {
      if (value !== undefined && !DROPPED_HEADERS.has(name)) headers[name] = value;
    }
    let stored: DeliveryDoc;
    try {
      const created = await Deliveries.create({
        ...base(connector),
        dedupeKey: c.dedupeKey,
        event: c.event,
        externalId: c.externalId,
        outcome: 'queued',
        headers,
        body: delivery.rawBody,
      });
      stored = created.toObject() as DeliveryDoc;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await recordDuplicate(connector, c.dedupeKey, c.event);
      return { status: 200, body: { duplicate: true } };
    }
    // With Redis down the job is parked in MongoDB (job-outbox) and this still answers 202.
    await enqueue(connector.workspaceId, stored._id);
    return { status: 202, body: { accepted: true } };
  };

  return {
    /** Whether the URL belongs to a live connector (Intercom checks it with HEAD when saved). */
    async exists(connectorId: string): Promise<boolean> {
      return (await deps.connectors.open(connectorId)) !== null;
    },

    async receive(connectorId: string, delivery: InboundDelivery): Promise<InboundAnswer> {
      const connector = await deps.connectors.open(connectorId);
      const answer = await answerDelivery(connector, delivery);
      deps.counters.webhook(
        connector ? `connector_${connector.provider}` : 'connector',
        inboundOutcome(answer),
      );
      return answer;
    },

    /**
     * A close a catch-up job found in the provider's API (no webhook brought it): stored and
     * queued as a received one would be, unless the log already has this external id (a webhook
     * delivery, or an earlier catch-up), whatever came of it then.
     */
    async recordFetched(
      connector: OpenConnector,
      close: { event: string; dedupeKey: string; externalId: string; rawBody: Buffer },
    ): Promise<'queued' | 'known'> {
      const known = await Deliveries.exists({
        workspaceId: connector.workspaceId,
        connectorId: connector.id,
        externalId: close.externalId,
      });
      if (known) return 'known';
      let stored: DeliveryDoc;
      try {
        const created = await Deliveries.create({
          ...base(connector),
          dedupeKey: close.dedupeKey,
          event: close.event,
          externalId: close.externalId,
          outcome: 'queued',
          headers: {},
          body: close.rawBody,
        });
        stored = created.toObject() as DeliveryDoc;
      } catch (err) {
        // A webhook without a delivery id, stored meanwhile under the same fallback key.
        if (isDuplicateKey(err)) return 'known';
        throw err;
      }
      await enqueue(connector.workspaceId, stored._id);
      return 'queued';
    },

    /** The job: payload → interaction → the interactions service, outcome in the delivery. */
    async process(job: ConnectorJob, isLastAttempt: boolean): Promise<DeliveryOutcome> {
      const workspaceId = new Types.ObjectId(job.workspaceId);
      const doc = await Deliveries.findOne({
        _id: job.deliveryId,
        workspaceId,
      }).lean<DeliveryDoc>();
      if (!doc || doc.outcome !== 'queued') return doc?.outcome ?? 'failed';
      const connector = await deps.connectors.openIn(workspaceId, doc.connectorId);
      const adapter = connector && adapterFor(connector.provider);
      if (!connector || !adapter) {
        await settle(doc, 'rejected', { reason: 'the connector or its adapter is gone' });
        return 'rejected';
      }
      const delivery: InboundDelivery = {
        headers: (doc.headers as Record<string, string> | null) ?? {},
        rawBody: bodyBytes(doc.body),
      };
      // The adapter is pure, so classifying the stored bytes again gives the route's answer.
      const c = adapter.classify(delivery, connector.settings);
      if (c.kind !== 'close') {
        await settle(doc, 'rejected', { reason: `no longer a close event: ${c.reason}` });
        return 'rejected';
      }
      const mapped = adapter.toInteraction(c.payload, connector.settings);
      const mappedDraft = { ...mapped.draft, id: `${connector.provider}:${c.externalId}` };
      // What the payload could not tell comes from the provider's API; a 429 or 5xx throws, so
      // the job is retried (connectorBackoff honours Retry-After).
      const enriched = mapped.needs.length
        ? await enrichDraft(
            mappedDraft,
            mapped.needs,
            { provider: connector.provider, api: connector.api },
            deps.outbound,
            isLastAttempt,
          )
        : null;
      const draft = {
        ...(enriched?.draft ?? mappedDraft),
        ...(connector.survey ? { survey: connector.survey } : {}),
      };
      const enrichment = enriched ? describeEnrichment(enriched) : null;
      const parsed = interactionInput.safeParse(draft);
      if (!parsed.success) {
        const reason = zodProblems(parsed.error)
          .map((p) => `${p.path}: ${p.message}`)
          .join('; ');
        await settle(doc, 'rejected', { reason, enrichment });
        return 'rejected';
      }
      try {
        const { result } = await deps.interactions.record(workspaceId, parsed.data, undefined, {
          connectorId: connector.id,
        });
        await settle(doc, 'accepted', {
          interactionId: result.interaction.id,
          reason: null,
          enrichment,
        });
        return 'accepted';
      } catch (err) {
        if (err instanceof AppError && err.status === 400) {
          const reason = [err.detail, ...(err.errors ?? []).map((p) => `${p.path}: ${p.message}`)]
            .filter(Boolean)
            .join('; ');
          await settle(doc, 'rejected', { reason, enrichment });
          return 'rejected';
        }
        if (isLastAttempt) {
          await settle(doc, 'failed', {
            reason: err instanceof Error ? err.message : String(err),
            enrichment,
          });
        }
        throw err;
      }
    },

    /**
     * Deliveries a connector could not turn into an interaction (rejected or failed) since a
     * time, per connector: the home page's "a connector rejecting deliveries".
     */
    async troubleSince(
      workspaceId: Types.ObjectId,
      since: Date,
    ): Promise<
      { connectorId: string; count: number; lastAt: string; lastReason: string | null }[]
    > {
      const groups = await Deliveries.aggregate<{
        _id: Types.ObjectId;
        count: number;
        lastAt: Date;
        lastReason: string | null;
      }>([
        {
          $match: {
            workspaceId,
            outcome: { $in: ['rejected', 'failed'] },
            createdAt: { $gte: since },
          },
        },
        { $sort: { createdAt: -1, _id: -1 } },
        {
          $group: {
            _id: '$connectorId',
            count: { $sum: 1 },
            lastAt: { $first: '$createdAt' },
            lastReason: { $first: '$reason' },
          },
        },
      ]);
      return groups
        .map((g) => ({
          connectorId: String(g._id),
          count: g.count,
          lastAt: g.lastAt.toISOString(),
          lastReason: g.lastReason ?? null,
        }))
        .sort((a, b) => b.count - a.count || a.connectorId.localeCompare(b.connectorId));
    },

    /** Newest first; the cursor carries (createdAt, _id) of the last row answered. */
    async list(
      workspaceId: Types.ObjectId,
      connectorId: string,
      query: { limit: number; cursor?: string },
    ): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
      if (!(await deps.connectors.exists(workspaceId, connectorId))) {
        throw AppError.notFound('Connector not found.');
      }
      const filter: Record<string, unknown> = {
        workspaceId,
        connectorId: new Types.ObjectId(connectorId),
      };
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        if (!after) {
          throw AppError.badRequest('The query is not valid.', [
            { path: 'cursor', message: 'is not a cursor this API gave' },
          ]);
        }
        filter.$or = [
          { createdAt: { $lt: after.createdAt } },
          { createdAt: after.createdAt, _id: { $lt: after.id } },
        ];
      }
      const docs = await Deliveries.find(filter, { body: 0, headers: 0 })
        .sort({ createdAt: -1, _id: -1 })
        .limit(query.limit + 1)
        .lean<DeliveryDoc[]>();
      const page = docs.slice(0, query.limit);
      const last = page[page.length - 1];
      const interactionIds = [
        ...new Set(page.flatMap((d) => (d.interactionId ? [d.interactionId] : []))),
      ];
      const writeBacks = await writeBackEntries(
        deps.conn,
        workspaceId,
        new Types.ObjectId(connectorId),
        interactionIds,
      );
      return {
        deliveries: page.map((d) =>
          toView(d, d.interactionId ? (writeBacks.get(d.interactionId) ?? []) : []),
        ),
        nextCursor:
          docs.length > query.limit && last ? encodeCursor(last.createdAt, last._id) : null,
      };
    },
  };
}

function toView(doc: DeliveryDoc, writeBack: WriteBackEntry[]): DeliveryView {
  return {
    id: String(doc._id),
    receivedAt: doc.createdAt.toISOString(),
    event: doc.event ?? null,
    externalId: doc.externalId ?? null,
    outcome: doc.outcome as DeliveryOutcome,
    reason: doc.reason ?? null,
    interactionId: doc.interactionId ?? null,
    duplicateOf: doc.duplicateOf ? String(doc.duplicateOf) : null,
    enrichment: doc.enrichment ?? null,
    writeBack,
  };
}

export type DeliveriesService = ReturnType<typeof createDeliveriesService>;

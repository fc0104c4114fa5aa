import type { Connection } from 'mongoose';
import type { Logger } from '../../shared/logger';
import type { OutboundClient } from '../../shared/outbound';
import { chatwootAdapter } from '../adapters/chatwoot';
import { connectorModel, type ConnectorDoc } from '../connector.model';
import type { ConnectorsService, OpenConnector } from '../connectors.service';
import type { DeliveriesService } from '../deliveries.service';
import { providerApi } from '../enrichment/provider-api';
import { catchUpStateModel, type CatchUpStateDoc } from './catch-up-state.model';
import { walkResolved, type WalkFrom } from './chatwoot-resolved';

/** What a run did, per connector (the job's return value, and the tests' view of it). */
export interface CatchUpOutcome {
  connectorId: string;
  workspaceId: string;
  queued: number;
  known: number;
  pages: number;
  error: string | null;
}

/** The delivery log's `event` for a close found by the catch-up rather than by a webhook. */
export const CATCH_UP_EVENT = 'catch-up';
/** Pages of the provider's list read per connector per run (25 conversations a page). */
export const CATCH_UP_MAX_PAGES = 20;

export interface CatchUpDeps {
  conn: Connection;
  connectors: ConnectorsService;
  deliveries: DeliveriesService;
  outbound: OutboundClient;
  logger: Logger;
  clock?: () => Date;
}

/**
 * Chatwoot delivers account webhooks once and never retries, so a periodic run asks each
 * Chatwoot connector's API for the conversations resolved since its watermark and logs and
 * queues those the delivery log does not have. The webhook path keys a delivery by
 * X-Chatwoot-Delivery, which the API does not know, so a conversation can reach the log twice
 * (webhook after catch-up); the interaction id `chatwoot:<conversation id>` is idempotent in the
 * interactions service, so that is still one interaction and one survey.
 */
export function createCatchUpService(deps: CatchUpDeps) {
  const Connectors = connectorModel(deps.conn);
  const States = catchUpStateModel(deps.conn);
  const http = providerApi(deps.outbound, 'chatwoot');
  const now = deps.clock ?? (() => new Date());

  async function runOne(doc: ConnectorDoc, connector: OpenConnector): Promise<CatchUpOutcome> {
    const outcome: CatchUpOutcome = {
      connectorId: String(doc._id),
      workspaceId: String(doc.workspaceId),
      queued: 0,
      known: 0,
      pages: 0,
      error: null,
    };
    const scope = { workspaceId: doc.workspaceId, connectorId: doc._id };
    const state = await States.findOne(scope).lean<CatchUpStateDoc>();
    // A new connector catches up from its creation, never the account's whole history.
    const from: WalkFrom = {
      until: state?.until ?? Math.floor(doc.createdAt.getTime() / 1000),
      resumePage: state?.resumePage ?? null,
      resumeNewest: state?.resumeNewest ?? null,
    };
    const api = connector.api;
    const walk =
      api?.baseUrl && api.accountId
        ? await walkResolved(
            http,
            { baseUrl: api.baseUrl, accountId: api.accountId, token: api.token },
            from,
            CATCH_UP_MAX_PAGES,
          )
        : { ok: false as const, reason: 'chatwoot catch-up needs api.baseUrl and api.accountId' };

    if (!walk.ok) {
      outcome.error = walk.reason;
      deps.logger.warn(
        { connectorId: outcome.connectorId, workspaceId: outcome.workspaceId, reason: walk.reason },
        'chatwoot catch-up failed; watermark kept',
      );
      await States.updateOne(
        scope,
        { $set: { lastRunAt: now(), lastError: walk.reason }, $setOnInsert: { until: from.until } },
        { upsert: true },
      );
      return outcome;
    }
    outcome.pages = walk.pages;
    for (const conversation of walk.conversations) {
      // The adapter classifies it as the webhook it would have been, so the dedupe key is the
      // webhook path's own fallback (`<id>:resolved:<updated_at>`) and the job reads it alike.
      const rawBody = Buffer.from(
        JSON.stringify({ ...conversation, event: 'conversation_status_changed' }),
      );
      const c = chatwootAdapter.classify({ headers: {}, rawBody }, connector.settings);
      if (c.kind !== 'close') continue;
      const result = await deps.deliveries.recordFetched(connector, {
        event: CATCH_UP_EVENT,
        dedupeKey: c.dedupeKey,
        externalId: c.externalId,
        rawBody,
      });
      outcome[result] += 1;
    }
    // Advanced only once every conversation it covers is in the log.
    await States.updateOne(
      scope,
      { $set: { ...walk.next, lastRunAt: now(), lastError: null } },
      { upsert: true },
    );
    if (outcome.queued > 0) {
      deps.logger.info(
        { connectorId: outcome.connectorId, queued: outcome.queued, pages: outcome.pages },
        'chatwoot catch-up queued missed conversations',
      );
    }
    return outcome;
  }

  return {
    /** One run over every live Chatwoot connector that has API credentials. */
    async runAll(): Promise<CatchUpOutcome[]> {
      // Install-wide, like the rollups: every later read and write names the workspace.
      const docs = await Connectors.find({
        provider: 'chatwoot',
        deletedAt: null,
        api: { $ne: null },
      })
        .sort({ _id: 1 })
        .lean<ConnectorDoc[]>();
      const outcomes: CatchUpOutcome[] = [];
      for (const doc of docs) {
        // One connector's failure (a token no listed SECRETS_KEY opens) must not stop the others.
        try {
          const connector = await deps.connectors.openIn(doc.workspaceId, doc._id);
          if (connector) outcomes.push(await runOne(doc, connector));
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          deps.logger.error(
            { err, connectorId: String(doc._id), workspaceId: String(doc.workspaceId) },
            'chatwoot catch-up failed; watermark kept',
          );
          outcomes.push({
            connectorId: String(doc._id),
            workspaceId: String(doc.workspaceId),
            queued: 0,
            known: 0,
            pages: 0,
            error: reason,
          });
        }
      }
      return outcomes;
    },
  };
}

export type CatchUpService = ReturnType<typeof createCatchUpService>;

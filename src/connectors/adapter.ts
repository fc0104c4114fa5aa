import type { z } from 'zod';
import type { interactionInput } from '../interactions/interactions.schema';

/**
 * One adapter per provider behind this small interface (DESIGN.md, "Connectors"). An adapter is
 * pure: it never does I/O. The shared route stores the raw delivery, dedupes it and queues a job;
 * the job calls the adapter, then the interactions service. Provider facts: ../shared/connectors-facts.md.
 */
export const CONNECTOR_PROVIDERS = [
  'zendesk',
  'freshdesk',
  'intercom',
  'helpscout',
  'chatwoot',
  'shopify',
  'generic',
] as const;
export type ConnectorProvider = (typeof CONNECTOR_PROVIDERS)[number];

/** A delivery exactly as received: header names lower-cased, the body as raw bytes. */
export interface InboundDelivery {
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
}

/** What the adapter needs of a connector's settings (secrets already decrypted). */
export interface AdapterSettings {
  /** The provider's signing secret, or the one Retour generated (Freshdesk, generic). */
  secret: string;
  /** Generic connector only: dot-path mapping and the filter that marks a "done" event. */
  mapping?: Readonly<Record<string, string>>;
  when?: { path: string; equals?: unknown; in?: readonly unknown[] };
}

/** `reason` is for the delivery log; the HTTP answer is 401 without details. */
export type Verification = { ok: true } | { ok: false; reason: string };

/** Signed timestamps older (or further in the future) than this are refused. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export type Classification =
  /** A close (solve, resolve, fulfilment): becomes an interaction. */
  | { kind: 'close'; event: string; dedupeKey: string; externalId: string; payload: unknown }
  /** A well-formed event that is not a close, or a provider's test delivery: 200 ignored. */
  | { kind: 'ignored'; event: string; reason: string; dedupeKey?: string }
  /** Not what this provider sends: 400 naming what is wrong. */
  | { kind: 'invalid'; reason: string };

/** The body of POST /api/v1/interactions, before validation (the job validates it). */
export type InteractionDraft = z.input<typeof interactionInput>;

/** What the payload could not tell, for the job to fetch from the provider's API. */
export type EnrichmentNeed =
  'customer' | 'customer.phone' | 'customer.locale' | 'agent' | 'agent.email' | 'team';

export interface MappedInteraction {
  draft: InteractionDraft;
  needs: EnrichmentNeed[];
}

export interface ConnectorAdapter {
  provider: ConnectorProvider;
  /** Checks the signature over the raw bytes in constant time, and its freshness where signed. */
  verify(delivery: InboundDelivery, settings: AdapterSettings, now: Date): Verification;
  /** Parses and classifies the delivery; called only after verify succeeded. */
  classify(delivery: InboundDelivery, settings: AdapterSettings): Classification;
  /** The interaction for a close event's payload (from `classify`), from the payload alone. */
  toInteraction(payload: unknown, settings: AdapterSettings): MappedInteraction;
}

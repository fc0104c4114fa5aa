import { agentIdentity } from '../shared/agent-identity';
import type { SegmentField } from './response.model';

/** The interaction fields a response snapshots, pure. */
export interface InteractionFacts {
  type?: string | null;
  channel?: string | null;
  team?: string | null;
  agent?: unknown;
  attributes?: unknown;
}

export type Segment = Record<Exclude<SegmentField, 'revenue'>, string | null> & {
  revenue: number | null;
  attributes: Record<string, unknown>;
};

const text = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

const amount = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

/** `agentUserId`: the user found by the agent's e-mail (see agentEmailToResolve), if any. */
export function segmentOf(
  interaction: InteractionFacts | null,
  agentUserId: string | null = null,
): Segment {
  const agent = record(interaction?.agent);
  const attributes = record(interaction?.attributes);
  return {
    agentId: agentIdentity(agent, agentUserId),
    agentName: text(agent.name),
    team: text(interaction?.team),
    interactionChannel: text(interaction?.channel),
    interactionType: text(interaction?.type),
    product: text(attributes.product),
    region: text(attributes.region),
    reason: text(attributes.reason),
    revenue: amount(attributes.revenue),
    attributes: { ...attributes },
  };
}

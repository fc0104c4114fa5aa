import type { ChannelName } from '../channels/channel';

/**
 * The facts a rule condition reads: the response, its segment snapshot, the contact's
 * attributes and whether this is a first or a changed answer. Flat names for the common ones
 * ("team", "product") so rules read like sentences.
 */
export interface RuleFacts {
  surveyType: 'nps' | 'csat' | 'ces';
  score: number | null;
  category: string | null;
  comment: string | null;
  hasComment: boolean;
  channel: string | null;
  source: string;
  locale: string;
  tags: string[];
  isFirstAnswer: boolean;
  isChangedAnswer: boolean;
  previousScore: number | null;
  previousCategory: string | null;
  agent: string | null;
  agentName: string | null;
  team: string | null;
  interactionChannel: string | null;
  interactionType: string | null;
  product: string | null;
  region: string | null;
  reason: string | null;
  revenue: number | null;
  attributes: Record<string, unknown>;
  contact: { locale: string | null; attributes: Record<string, unknown> };
}

const SIMPLE = new Set([
  'surveyType',
  'score',
  'category',
  'comment',
  'hasComment',
  'channel',
  'source',
  'locale',
  'tags',
  'isFirstAnswer',
  'isChangedAnswer',
  'previousScore',
  'previousCategory',
  'agent',
  'agentName',
  'team',
  'interactionChannel',
  'interactionType',
  'product',
  'region',
  'reason',
  'revenue',
  'contact.locale',
]);
const ATTRIBUTE =
  /^(attributes|contact\.attributes)\.[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9_-]{1,64}){0,3}$/;

export function isRuleField(field: string): boolean {
  return SIMPLE.has(field) || ATTRIBUTE.test(field);
}

/** The response as the rules see it (a plain object, whatever store it came from). */
export interface RuleResponse {
  surveyType: 'nps' | 'csat' | 'ces';
  score: number | null;
  category: string | null;
  comment: string | null;
  channel: string | null;
  source: string;
  locale: string;
  version: number;
  tags?: string[];
  segment: {
    agentId?: string | null;
    agentName?: string | null;
    team?: string | null;
    interactionChannel?: string | null;
    interactionType?: string | null;
    product?: string | null;
    region?: string | null;
    reason?: string | null;
    revenue?: number | null;
    attributes?: Record<string, unknown> | null;
  };
  history?: { score?: number | null; category?: string | null; comment?: string | null }[];
}

export interface RuleContact {
  locale?: string | null;
  attributes?: Record<string, unknown> | null;
}

/** The facts now, and (for a changed answer) the facts of the version before, pure. */
export function factsOf(
  response: RuleResponse,
  contact: RuleContact | null,
): { facts: RuleFacts; previous: RuleFacts | null } {
  const history = response.history ?? [];
  const before = response.version > 1 && history.length >= 2 ? history[history.length - 2] : null;
  const s = response.segment;
  const base = {
    surveyType: response.surveyType,
    channel: response.channel,
    source: response.source,
    locale: response.locale,
    tags: response.tags ?? [],
    agent: s.agentId ?? null,
    agentName: s.agentName ?? null,
    team: s.team ?? null,
    interactionChannel: s.interactionChannel ?? null,
    interactionType: s.interactionType ?? null,
    product: s.product ?? null,
    region: s.region ?? null,
    reason: s.reason ?? null,
    revenue: s.revenue ?? null,
    attributes: s.attributes ?? {},
    contact: { locale: contact?.locale ?? null, attributes: contact?.attributes ?? {} },
  };
  const answer = (a: {
    score?: number | null;
    category?: string | null;
    comment?: string | null;
  }) => ({
    score: a.score ?? null,
    category: a.category ?? null,
    comment: a.comment ?? null,
    hasComment: typeof a.comment === 'string' && a.comment.trim() !== '',
  });
  const facts: RuleFacts = {
    ...base,
    ...answer(response),
    isFirstAnswer: before === null,
    isChangedAnswer: before !== null,
    previousScore: before?.score ?? null,
    previousCategory: before?.category ?? null,
  };
  const previous: RuleFacts | null = before
    ? {
        ...base,
        ...answer(before),
        isFirstAnswer: true,
        isChangedAnswer: false,
        previousScore: null,
        previousCategory: null,
      }
    : null;
  return { facts, previous };
}

export const MESSAGE_CHANNELS: ChannelName[] = ['sms', 'whatsapp', 'email'];

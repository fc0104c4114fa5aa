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

/** The facts of the answer as it is now (with its previous version's score for a change), pure. */
export function factsOf(response: RuleResponse, contact: RuleContact | null): RuleFacts {
  const history = response.history ?? [];
  const before = response.version > 1 && history.length >= 2 ? history[history.length - 2] : null;
  const s = response.segment;
  return {
    surveyType: response.surveyType,
    score: response.score ?? null,
    category: response.category ?? null,
    comment: response.comment ?? null,
    hasComment: typeof response.comment === 'string' && response.comment.trim() !== '',
    channel: response.channel,
    source: response.source,
    locale: response.locale,
    tags: response.tags ?? [],
    isFirstAnswer: before === null,
    isChangedAnswer: before !== null,
    previousScore: before?.score ?? null,
    previousCategory: before?.category ?? null,
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
}

export const MESSAGE_CHANNELS: ChannelName[] = ['sms', 'whatsapp', 'email'];

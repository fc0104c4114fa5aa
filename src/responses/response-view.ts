import type { ResponseDoc, ResponseSource } from './response.model';
import type { ScoreCategory } from './score-category';
import type { Segment } from './segment';

/** A response as the API, the pages and the rules see it. */
export interface ResponseView {
  id: string;
  workspaceId: string;
  invitationId: string;
  type: 'nps' | 'csat' | 'ces';
  scale: { min: number; max: number };
  direction: 'higher_better' | 'lower_better';
  score: number | null;
  category: ScoreCategory | null;
  comment: string | null;
  locale: string;
  channel: string | null;
  source: ResponseSource;
  answeredAt: string | null;
  timing: number | null;
  segment: Segment;
  version: number;
  tags: string[];
  history: {
    score: number | null;
    category: string | null;
    comment: string | null;
    source: string;
    at: string;
  }[];
  updatedAt: string;
}

export function toResponseView(doc: ResponseDoc): ResponseView {
  return {
    id: String(doc._id),
    workspaceId: String(doc.workspaceId),
    invitationId: String(doc.invitationId),
    type: doc.surveyType as ResponseView['type'],
    scale: { min: doc.scale.min ?? 0, max: doc.scale.max ?? 10 },
    direction: doc.direction as ResponseView['direction'],
    score: doc.score ?? null,
    category: (doc.category as ScoreCategory | null) ?? null,
    comment: doc.comment ?? null,
    locale: doc.locale,
    channel: doc.channel ?? null,
    source: doc.source as ResponseSource,
    answeredAt: doc.answeredAt?.toISOString() ?? null,
    timing: doc.timing ?? null,
    segment: doc.segment as unknown as Segment,
    version: doc.version,
    tags: doc.tags ?? [],
    history: (doc.history ?? []).map((h) => ({
      score: h.score ?? null,
      category: h.category ?? null,
      comment: h.comment ?? null,
      source: h.source ?? 'web',
      at: (h.at ?? doc.updatedAt).toISOString(),
    })),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

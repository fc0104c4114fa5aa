import { EnrichmentRetryError } from '../enrichment';
import type { ProviderApi } from '../enrichment/provider-api';
import { list, record, text, type Json } from '../enrichment/fields';

/** Where a walk starts: the watermark, and the page a bounded run stopped before. */
export interface WalkFrom {
  until: number;
  resumePage: number | null;
  resumeNewest: number | null;
}

export type WalkResult =
  | { ok: true; conversations: Json[]; next: WalkFrom; pages: number }
  | { ok: false; reason: string };

/**
 * Resolved conversations are re-read this far behind the watermark: a conversation committed
 * a moment after a newer one was listed would otherwise be missed. The delivery log makes the
 * overlap free (a conversation already logged is skipped).
 */
export const OVERLAP_SECONDS = 60;

/** The activity time the list is sorted by (`last_activity_at`, also given as `timestamp`). */
function activityOf(conversation: Json): number | undefined {
  const at = conversation.last_activity_at ?? conversation.timestamp;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

/**
 * Chatwoot's conversations list, newest activity first: `GET /api/v1/accounts/{a}/conversations
 * ?status=resolved&sort_by=last_activity_at_desc&page=N` answers `{ data: { meta: { all_count,
 * … }, payload: [conversation, …] } }`, 25 a page by default (CONVERSATION_RESULTS_PER_PAGE),
 * each conversation shaped as the webhook's (`id` is the display id). Resolving a conversation
 * adds an activity message, which moves its `last_activity_at`, so the pages are walked until a
 * conversation older than the watermark, the end of the list, or `maxPages`.
 */
export async function walkResolved(
  http: ProviderApi,
  api: { baseUrl: string; accountId: string; token: string },
  from: WalkFrom,
  maxPages: number,
): Promise<WalkResult> {
  const since = from.until - OVERLAP_SECONDS;
  const base = `${api.baseUrl}/api/v1/accounts/${encodeURIComponent(api.accountId)}/conversations`;
  const conversations: Json[] = [];
  let page = from.resumePage ?? 1;
  let newest = from.resumeNewest ?? from.until;
  for (let walked = 0; walked < maxPages; walked += 1, page += 1) {
    let answer;
    try {
      answer = await http.call({
        url: `${base}?status=resolved&sort_by=last_activity_at_desc&page=${page}`,
        headers: { api_access_token: api.token },
      });
    } catch (err) {
      // 429, 5xx or no answer: this run stops; the next one starts from the same watermark.
      if (err instanceof EnrichmentRetryError) return { ok: false, reason: err.message };
      throw err;
    }
    if (!answer.ok) return { ok: false, reason: answer.reason };
    const data = record(record(answer.json)?.data);
    if (!data || !Array.isArray(data.payload)) {
      return { ok: false, reason: 'chatwoot answered a conversations list without data.payload' };
    }
    const items = list(data.payload).map(record);
    let reachedWatermark = items.length === 0;
    for (const conversation of items) {
      const at = conversation && activityOf(conversation);
      if (!conversation || at === undefined || !text(conversation.id)) continue;
      if (at < since) {
        reachedWatermark = true;
        continue;
      }
      if (conversation.status !== 'resolved') continue;
      conversations.push(conversation);
      newest = Math.max(newest, at);
    }
    if (reachedWatermark) {
      return {
        ok: true,
        conversations,
        next: { until: newest, resumePage: null, resumeNewest: null },
        pages: walked + 1,
      };
    }
  }
  // The bound was hit before the watermark: keep it, and go on from the next page next time.
  return {
    ok: true,
    conversations,
    next: { until: from.until, resumePage: page, resumeNewest: newest },
    pages: maxPages,
  };
}

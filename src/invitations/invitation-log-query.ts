import { z } from 'zod';
import { CHANNELS } from '../shared/channel-names';
import { INVITATION_STATUSES } from './invitation-status';
import { decodeLogCursor } from './invitation-log';

const blank = (v: unknown) => (v === '' ? undefined : v);
const day = z.preprocess(blank, z.iso.date().optional());

/** The log page's GET form: every filter in the URL, so a view can be shared. */
export const invitationLogQuery = z.object({
  status: z.preprocess(blank, z.enum(INVITATION_STATUSES).optional()),
  channel: z.preprocess(blank, z.enum(CHANNELS).optional()),
  survey: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[0-9a-f]{24}$/)
      .optional(),
  ),
  from: day,
  to: day,
  cursor: z.preprocess(blank, z.string().max(200).optional()),
});
export type InvitationLogQuery = z.output<typeof invitationLogQuery>;

export type LogField = 'status' | 'channel' | 'survey' | 'from' | 'to' | 'cursor';

/**
 * Reads the page's query: the valid filters, and the field of each bad one (the page shows the
 * error next to it). A repeated parameter is a bad one, not a guess between its values.
 */
export function parseLogQuery(raw: Record<string, unknown>): {
  query: InvitationLogQuery;
  bad: LogField[];
} {
  const fields: LogField[] = ['status', 'channel', 'survey', 'from', 'to', 'cursor'];
  const query: InvitationLogQuery = {};
  const bad: LogField[] = [];
  for (const field of fields) {
    const one = invitationLogQuery.shape[field].safeParse(raw[field]);
    if (one.success) (query as Record<string, unknown>)[field] = one.data;
    else bad.push(field);
  }
  if (query.cursor && !decodeLogCursor(query.cursor)) {
    bad.push('cursor');
    delete query.cursor;
  }
  if (query.from && query.to && query.from > query.to) bad.push('to');
  return { query, bad };
}

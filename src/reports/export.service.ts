import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Types } from 'mongoose';
import type { ResponseDoc } from '../responses/response.model';
import { csvRow, UTF8_BOM, type CsvValue } from './csv';
import { responsesMatch } from './pipelines/match';
import type { ReportQuery } from './report-query.schema';
import { resolveRange } from './report-range';
import type { ReportDeps } from './summary.service';

const COLUMNS: [string, (d: ResponseDoc) => CsvValue][] = [
  ['response_id', (d) => String(d._id)],
  ['answered_at', (d) => d.answeredAt],
  ['survey_type', (d) => d.surveyType],
  ['score', (d) => d.score],
  ['category', (d) => d.category],
  ['comment', (d) => d.comment],
  ['channel', (d) => d.channel],
  ['source', (d) => d.source],
  ['locale', (d) => d.locale],
  ['agent_id', (d) => d.segment.agentId],
  ['agent_name', (d) => d.segment.agentName],
  ['team', (d) => d.segment.team],
  ['interaction_channel', (d) => d.segment.interactionChannel],
  ['interaction_type', (d) => d.segment.interactionType],
  ['product', (d) => d.segment.product],
  ['region', (d) => d.segment.region],
  ['reason', (d) => d.segment.reason],
  ['revenue', (d) => d.segment.revenue],
  ['attributes', (d) => JSON.stringify(d.segment.attributes ?? {})],
  ['interaction_id', (d) => String(d.interactionId)],
];

/**
 * Streams the responses in range (oldest first) as CSV: UTF-8 with a BOM so spreadsheet apps
 * read accents right, ISO 8601 dates, formula-safe cells; waits for the client to drain.
 */
export async function exportResponses(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: ReportQuery<'export'>,
  out: Writable,
) {
  const ctx = await deps.context(workspaceId, query.type ?? 'nps');
  const range = resolveRange(query, ctx.timezone);
  const { score: _anyScore, ...match } = responsesMatch(
    workspaceId,
    query.type,
    range,
    query.filters,
  );
  const cursor = deps.Responses.find(match)
    .sort({ answeredAt: 1, _id: 1 })
    .lean<ResponseDoc[]>()
    .cursor();
  // False once the client has gone: the export stops instead of reading on for nobody.
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    return !out.destroyed;
  };
  try {
    if (!(await write(UTF8_BOM + csvRow(COLUMNS.map(([name]) => name))))) return;
    for await (const doc of cursor) {
      if (!(await write(csvRow(COLUMNS.map(([, get]) => get(doc as ResponseDoc)))))) return;
    }
    out.end();
  } finally {
    await cursor.close();
  }
}

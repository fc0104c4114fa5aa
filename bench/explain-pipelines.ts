/**
 * bench/explain-pipelines: the exact find / aggregate commands every report sends, for one fixed
 * example, printed as mongosh statements to paste into a real MongoDB (`explain("executionStats")`).
 * Nothing is written by hand: the script runs the real report services and records the commands
 * the driver sends (command monitoring), then prints them with ObjectId(...) / ISODate(...).
 *
 *   node --import tsx bench/explain-pipelines.ts            # the statements (docs/report-query-plans.md)
 *   node --import tsx bench/explain-pipelines.ts --plans    # plus the index each one is served by
 *
 * With MONGODB_URI set, it runs against that MongoDB (a scratch database: it is dropped) and
 * --plans shows mongod's own winning plans; else against the in-process test server, whose
 * explain only names the index its in-memory maps select. REDIS_URL is honoured too.
 */
import { Writable } from 'node:stream';
import { Types } from 'mongoose';
import { loadConfig } from '../config';
import { startMongoServer } from '../dev/mongo-server';
import { freePort, startRedisServer } from '../dev/redis-server';
import { buildContainer, type Container } from '../src/composition-root';
import { parseReportQuery } from '../src/reports/report-query.schema';
import { withDatabase } from '../tests/support/test-env';
import { generateReportData, type BenchSurvey, type Kind } from './report-data';

const SHOW_PLANS = process.argv.includes('--plans');
/** Printed in place of the run's random workspace id, so the output is the same every time. */
const EXAMPLE_WORKSPACE = new Types.ObjectId('65f000000000000000000001');
const RANGE = { from: '2026-08-31', to: '2026-11-22' };
const DRIVER_FIELDS = new Set([
  'lsid',
  'txnNumber',
  'autocommit',
  'readConcern',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'cursor',
]);
const COLLECTIONS = new Set(['responses', 'invitations', 'interactions', 'tasks']);

interface Recorded {
  report: string;
  collection: string;
  command: Record<string, unknown>;
}

// ---- mongosh text -------------------------------------------------------------------------

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function isObjectId(v: unknown): v is Types.ObjectId {
  return (v as { _bsontype?: string } | null)?._bsontype === 'ObjectId';
}

/** A value as mongosh source: ObjectId("…"), ISODate("…"), quoted keys only where needed. */
export function shell(v: unknown, indent = '', substitute = (x: unknown) => x): string {
  v = substitute(v);
  if (v instanceof Map) v = Object.fromEntries(v); // the driver sends sorts as Maps
  if (v === null || v === undefined) return 'null';
  if (isObjectId(v)) return `ObjectId("${v.toHexString()}")`;
  if (v instanceof Date) return `ISODate("${v.toISOString()}")`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  const inner = `${indent}  `;
  const parts = Array.isArray(v)
    ? v.map((x) => shell(x, inner, substitute))
    : Object.entries(v as Record<string, unknown>).map(
        ([k, x]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${shell(x, inner, substitute)}`,
      );
  const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{ ', ' }'];
  const oneLine = `${open}${parts.join(', ')}${close}`;
  if (parts.length === 0) return Array.isArray(v) ? '[]' : '{}';
  if (oneLine.length + indent.length <= 96 && !oneLine.includes('\n')) return oneLine;
  return `${open.trim()}\n${parts.map((p) => `${inner}${p}`).join(',\n')}\n${indent}${close.trim()}`;
}

function statement(r: Recorded, substitute: (x: unknown) => unknown): string {
  const c = r.command;
  const s = (v: unknown, indent = '') => shell(v, indent, substitute);
  if ('aggregate' in c) {
    return `db.${r.collection}.explain("executionStats").aggregate(${s(c.pipeline)})`;
  }
  const projection = c.projection ? `, ${s(c.projection)}` : '';
  const sort = c.sort ? `.sort(${s(c.sort)})` : '';
  const limit = c.limit ? `.limit(${String(c.limit)})` : '';
  return `db.${r.collection}.find(${s(c.filter ?? {})}${projection})${sort}${limit}.explain("executionStats")`;
}

/** The command's plan as the server explains it: FETCH ← IXSCAN <index>, or COLLSCAN. */
async function winningPlan(container: Container, r: Recorded): Promise<string> {
  // Without what the driver adds (session, API version…), which mongod refuses inside explain.
  const command = Object.fromEntries(
    Object.entries(r.command).filter(([k]) => !k.startsWith('$') && !DRIVER_FIELDS.has(k)),
  );
  const inner = 'aggregate' in command ? { ...command, cursor: {} } : command;
  const reply = await container.mongo.db!.command({ explain: inner, verbosity: 'queryPlanner' });
  const planner = (reply.queryPlanner ??
    (reply.stages as { $cursor?: { queryPlanner?: unknown } }[] | undefined)?.[0]?.$cursor
      ?.queryPlanner) as { winningPlan?: unknown } | undefined;
  const names: string[] = [];
  const walk = (stage: unknown) => {
    if (!stage || typeof stage !== 'object') return;
    const s = stage as Record<string, unknown>;
    if (typeof s.stage === 'string')
      names.push(s.indexName ? `${s.stage} ${String(s.indexName)}` : s.stage);
    walk(s.queryPlan);
    walk(s.inputStage);
    for (const x of (s.inputStages as unknown[]) ?? []) walk(x);
  };
  walk(planner?.winningPlan);
  return names.join(' ← ') || JSON.stringify(reply).slice(0, 200);
}

/** The URI with the driver's command monitoring on: it then reports each command it sends. */
const monitored = (uri: string) => `${uri}${uri.includes('?') ? '&' : '?'}monitorCommands=true`;

// ---- the example ---------------------------------------------------------------------------

async function main() {
  const stops: (() => Promise<void> | void)[] = [];
  let mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) {
    const server = await startMongoServer({ quiet: true });
    stops.push(server.close);
    mongoUri = server.uri;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedisServer();
    stops.push(redis.close);
    redisUrl = redis.url;
  }
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: monitored(withDatabase(mongoUri, `retour_explain_${Date.now()}`)),
    REDIS_URL: redisUrl,
    PUBLIC_URL: 'http://explain.test',
    QUEUE_PREFIX: `explain${Date.now()}`,
    PORT: String(await freePort()),
  };
  const containers: Container[] = [];
  const open = async (rollups: 'on' | 'off') => {
    const c = await buildContainer(loadConfig({ ...env, REPORT_ROLLUPS: rollups }));
    containers.push(c);
    return c;
  };
  const raw = await open('off');
  // Two workspaces: as in production, the workspace alone narrows what a query reads.
  const seedWorkspace = async (name: string, seed: number) => {
    const ws = await raw.services.workspaces.createWorkspace({ name, timezone: 'Europe/Paris' });
    const id = new Types.ObjectId(ws.id);
    const surveys = {} as Record<Kind, BenchSurvey>;
    for (const kind of ['nps', 'csat', 'ces'] as const) {
      const s = (await raw.services.surveys.findDefault(id, kind))!;
      surveys[kind] = { id: new Types.ObjectId(s.id), scale: s.scale, direction: s.direction };
    }
    await generateReportData(raw.mongo, {
      workspaceId: id,
      surveys,
      responses: 300,
      end: new Date('2026-11-22T23:00:00Z'),
      days: 120,
      seed,
      series: seed,
    });
    return id;
  };
  const workspaceId = await seedWorkspace('Explain', 1);
  await seedWorkspace('Other', 2);

  const recorded: Recorded[] = [];
  let current = '';
  const record = (c: Container) => {
    // The URI's monitorCommands=true makes the driver report each command it sends.
    c.mongo.getClient().on('commandStarted', (event) => {
      const collection = event.command[event.commandName];
      if (!current || !['find', 'aggregate'].includes(event.commandName)) return;
      if (typeof collection !== 'string') return;
      if (!COLLECTIONS.has(collection) && !/rollup/i.test(collection)) return;
      const command = { ...(event.command as Record<string, unknown>) };
      // Same command but for its dates (a refresh runs one per span of days): shown once.
      const shape = (coll: string, c: Record<string, unknown>) =>
        JSON.stringify([coll, c.pipeline ?? c.filter, c.sort], (_k, v: unknown) =>
          typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? 'date' : v,
        );
      const seen = recorded.some(
        (r) =>
          r.report === current && shape(r.collection, r.command) === shape(collection, command),
      );
      if (!seen) recorded.push({ report: current, collection, command });
    });
  };
  record(raw);
  const run = async (name: string, fn: () => Promise<unknown>) => {
    current = name;
    await fn();
    current = '';
  };
  const reports = raw.services.reports;
  const q = <K extends Parameters<typeof parseReportQuery>[0]>(
    kind: K,
    extra: Record<string, unknown> = {},
  ) => parseReportQuery(kind, { type: 'nps', ...RANGE, ...extra });

  await run('summary', () => reports.summary(workspaceId, q('summary')));
  await run('summary, filter[product]=Pro, groupBy=team', () =>
    reports.summary(workspaceId, q('summary', { groupBy: 'team', 'filter[product]': 'Pro' })),
  );
  await run('summary, groupBy=agent (response rate joins interactions)', () =>
    reports.summary(workspaceId, q('summary', { groupBy: 'agent' })),
  );
  await run('trend, period=week', () => reports.trend(workspaceId, q('trend', { period: 'week' })));
  await run('distribution', () => reports.distribution(workspaceId, q('distribution')));
  await run('followup, groupBy=team', () =>
    reports.followup(workspaceId, q('followup', { groupBy: 'team' })),
  );
  await run('volume', () => reports.volume(workspaceId, q('volume')));
  await run('revenue, groupBy=region', () =>
    reports.revenue(workspaceId, q('revenue', { groupBy: 'region' })),
  );
  await run('sample, size=20, week=2026-W47', () =>
    reports.sample(workspaceId, parseReportQuery('sample', { type: 'nps', week: '2026-W47' })),
  );
  await run('agent card, agent-01', () => reports.agentCard(workspaceId, 'agent-01', q('agent')));
  await run('responses export (CSV)', () =>
    reports.exportResponses(
      workspaceId,
      q('export'),
      new Writable({ write: (_chunk, _enc, done) => done() }),
    ),
  );
  await run('latest comments, category=detractor', () =>
    reports.comments(workspaceId, { type: 'nps', ...RANGE, filters: {}, category: 'detractor' }),
  );

  // helper B's daily rollups, when the tree has them: the same reports read through them.
  const rolled = await open('on');
  const rollups = (rolled.services as unknown as Record<string, unknown>).reportRollups as
    { refresh?: (id?: Types.ObjectId) => Promise<unknown> } | undefined;
  let rollupNote = 'this tree has no container.services.reportRollups: no rollup reads recorded';
  if (typeof rollups?.refresh === 'function') {
    record(rolled);
    await run('rollups: refresh (rebuild; one span of days shown)', () =>
      rollups.refresh!(workspaceId),
    );
    await rollups.refresh();
    const r = rolled.services.reports;
    await run('rollups: summary, groupBy=team', () =>
      r.summary(workspaceId, q('summary', { groupBy: 'team' })),
    );
    await run('rollups: trend, period=week', () =>
      r.trend(workspaceId, q('trend', { period: 'week' })),
    );
    rollupNote = '';
  }

  const substitute = (v: unknown) =>
    isObjectId(v) && v.equals(workspaceId) ? EXAMPLE_WORKSPACE : v;
  console.log(
    `// Generated by: node --import tsx bench/explain-pipelines.ts${SHOW_PLANS ? ' --plans' : ''}`,
  );
  console.log(
    `// Example: workspace ${shell(EXAMPLE_WORKSPACE)} (timezone Europe/Paris), type nps, ${RANGE.from} to ${RANGE.to}`,
  );
  if (rollupNote) console.log(`// ${rollupNote}`);
  let last = '';
  for (const r of recorded) {
    if (r.report !== last) console.log(`\n// ---- ${r.report}`);
    last = r.report;
    if (SHOW_PLANS) {
      const db = process.env.MONGODB_URI ? 'MongoDB' : 'test server';
      console.log(`// ${db} plan: ${await winningPlan(raw, r)}`);
    }
    console.log(`${statement(r, substitute)};`);
  }

  await raw.mongo.dropDatabase();
  for (const c of containers) await c.close();
  for (const stop of stops.reverse()) await stop();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * bench/reports: the report endpoints over a large, reproducible data set (1,000,000 responses
 * across 2 years, 50 agents, 8 teams, 4 interaction channels, with their interactions and
 * invitations), through real HTTP on the real app: raw pipelines (REPORT_ROLLUPS=off), then the
 * daily rollups (REPORT_ROLLUPS=on, after one full refresh()).
 *
 *   node --max-old-space-size=4096 --import tsx bench/reports.ts [responses=1000000]
 *
 * Uses MONGODB_URI / REDIS_URL when set, else the in-process MongoDB test server in a child
 * process (heap: BENCH_MONGO_HEAP_MB, default 16384) and a private redis-server. On the test
 * server the figures measure our own code and the pipeline design, not MongoDB.
 * BENCH_RUNS (default 3) runs per scenario; BENCH_TIMEOUT_S (default 180) per request: a
 * scenario whose request times out is reported as skipped, never waited on for ever; a
 * rollup refresh() over BENCH_REFRESH_TIMEOUT_S (default 3600) ends the run with what it has.
 * BENCH_RAW=off skips the raw-pipeline pass, BENCH_ROLLUPS=off the rollup pass.
 */
import { Types } from 'mongoose';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config';
import { freePort, startRedisServer } from '../dev/redis-server';
import { buildContainer, type Container } from '../src/composition-root';
import { startHttpServer } from '../src/http-server';
import { startMongoInChildProcess } from './child-mongo';
import { generateReportData, type BenchSurvey, type Kind } from './report-data';

const RESPONSES = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 180) * 1000;
const REFRESH_TIMEOUT_MS = Number(process.env.BENCH_REFRESH_TIMEOUT_S ?? 3600) * 1000;
const MONGO_HEAP_MB = Number(process.env.BENCH_MONGO_HEAP_MB ?? 16384);
const TIMEZONE = 'Europe/Paris';
/** Data ends on Monday 2026-11-23 (local midnight): the ranges below are whole local days. */
const END = new Date('2026-11-22T23:00:00Z');
const LAST_DAY = '2026-11-22';
const TWELVE_WEEKS = { from: '2026-08-31', to: LAST_DAY };
const TWO_YEARS = { from: '2024-11-25', to: LAST_DAY };

const SCENARIOS: { name: string; path: string }[] = [
  { name: 'summary 12 weeks', path: `summary?type=nps&${range(TWELVE_WEEKS)}` },
  { name: 'summary 2 years', path: `summary?type=nps&${range(TWO_YEARS)}` },
  { name: 'summary groupBy=agent', path: `summary?type=nps&groupBy=agent&${range(TWELVE_WEEKS)}` },
  {
    name: 'summary groupBy=channel',
    path: `summary?type=nps&groupBy=channel&${range(TWELVE_WEEKS)}`,
  },
  {
    name: 'breakdown groupBy=team',
    path: `summary?type=csat&groupBy=team&${range(TWELVE_WEEKS)}`,
  },
  { name: 'trend weekly 12 weeks', path: `trend?type=nps&period=week&${range(TWELVE_WEEKS)}` },
  { name: 'trend weekly 2 years', path: `trend?type=nps&period=week&${range(TWO_YEARS)}` },
];

function range(r: { from: string; to: string }) {
  return `from=${r.from}&to=${r.to}`;
}

interface Timing {
  name: string;
  runs: number[];
  skipped?: string;
  body?: unknown;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/** VmRSS / VmHWM (peak) of a process, from /proc (Linux). */
function processMemory(pid: number): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return `rss ${mb(kb('VmRSS') * 1024)}, peak ${mb(kb('VmHWM') * 1024)}`;
  } catch {
    return 'unknown';
  }
}

/** The figures that must not depend on how a report is computed. */
function figures(body: unknown): string {
  const b = body as {
    overall?: unknown;
    groups?: { key: unknown; n: unknown; score: unknown; responseRate: unknown }[];
    periods?: { key: unknown; n: unknown; score: unknown; responseRate: unknown }[];
  };
  const rows = (b.groups ?? b.periods ?? []).map((g) => [g.key, g.n, g.score, g.responseRate]);
  return JSON.stringify([b.overall, rows]);
}

async function timeScenarios(
  label: string,
  baseUrl: string,
  auth: string,
  waitIdle: () => Promise<void>,
): Promise<Timing[]> {
  const out: Timing[] = [];
  for (const s of SCENARIOS) {
    const t: Timing = { name: s.name, runs: [] };
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      try {
        const res = await fetch(`${baseUrl}/api/v1/reports/${s.path}`, {
          headers: { Authorization: auth },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const body: unknown = await res.json();
        if (!res.ok) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
        t.runs.push(performance.now() - started);
        t.body = body;
      } catch (err) {
        const timedOut = (err as Error).name === 'TimeoutError';
        t.skipped = timedOut
          ? `a request took over ${TIMEOUT_MS / 1000} s (BENCH_TIMEOUT_S)`
          : (err as Error).message;
        // The database may still be busy with the abandoned query: let it finish first.
        if (timedOut) await waitIdle();
        break;
      }
    }
    console.log(
      `  [${label}] ${s.name}: ${t.runs.map((ms) => ms.toFixed(0)).join(', ')} ms${t.skipped ? ` (stopped: ${t.skipped})` : ''}`,
    );
    out.push(t);
  }
  return out;
}

function printTable(title: string, timings: Timing[]) {
  console.log(`\n${title}`);
  console.log('scenario                      runs   median ms      max ms');
  for (const t of timings) {
    const row = t.runs.length
      ? `${String(t.runs.length).padStart(4)} ${median(t.runs).toFixed(0).padStart(11)} ${Math.max(
          ...t.runs,
        )
          .toFixed(0)
          .padStart(11)}`
      : '   0           –           –';
    console.log(
      `${t.name.padEnd(28)} ${row}${t.skipped ? `   skipped after ${t.runs.length}: ${t.skipped}` : ''}`,
    );
  }
}

interface RollupService {
  refresh: (workspaceId?: Types.ObjectId) => Promise<unknown>;
}

/** helper B's daily rollups, when the tree has them. */
function rollupService(container: Container): RollupService | null {
  const candidate = (container.services as unknown as Record<string, unknown>).reportRollups as
    Partial<RollupService> | undefined;
  return typeof candidate?.refresh === 'function' ? (candidate as RollupService) : null;
}

async function main() {
  console.log(`command: node ${process.execArgv.join(' ')} ${process.argv.slice(1).join(' ')}`);
  const stops: (() => Promise<void> | void)[] = [];
  let mongoUri = process.env.MONGODB_URI;
  let mongoPid: number | null = null;
  if (!mongoUri) {
    const mongo = await startMongoInChildProcess([
      `--max-old-space-size=${MONGO_HEAP_MB}`,
      ...(process.env.BENCH_MONGO_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ]);
    stops.push(mongo.close);
    mongoPid = mongo.pid;
    // The test server answers one command at a time: while a long pipeline runs, the driver's
    // heartbeats wait too, and must not give the server up before the request timeout does.
    mongoUri = `${mongo.uri}/retour_bench_reports?connectTimeoutMS=${TIMEOUT_MS}`;
    console.log(
      `MongoDB: in-process test server (child pid ${mongo.pid}, heap ${MONGO_HEAP_MB} MB)`,
    );
  } else console.log('MongoDB: MONGODB_URI');
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedisServer();
    stops.push(redis.close);
    redisUrl = redis.url;
  }
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    PUBLIC_URL: 'http://bench.test',
    QUEUE_PREFIX: `benchreports${Date.now()}`,
    PORT: String(await freePort()),
  };
  const raw = await buildContainer(loadConfig({ ...env, REPORT_ROLLUPS: 'off' }));
  stops.unshift(() => raw.close());
  await raw.mongo.dropDatabase();
  await Promise.all(Object.values(raw.mongo.models).map((m) => m.init()));
  const { workspaces, surveys } = raw.services;
  const ws = await workspaces.createWorkspace({ name: 'Bench reports', timezone: TIMEZONE });
  const workspaceId = new Types.ObjectId(ws.id);
  const { key } = await workspaces.issueApiKey(workspaceId, {
    name: 'bench',
    scopes: ['reports:read'],
  });
  const auth = `Bearer ${key}`;
  console.log(`workspace ${ws.id} (timezone ${TIMEZONE})`);
  const benchSurveys = {} as Record<Kind, BenchSurvey>;
  for (const kind of ['nps', 'csat', 'ces'] as const) {
    const s = await surveys.findDefault(workspaceId, kind);
    if (!s) throw new Error(`no default ${kind} survey`);
    benchSurveys[kind] = { id: new Types.ObjectId(s.id), scale: s.scale, direction: s.direction };
  }

  const genStart = performance.now();
  let lastPrint = genStart;
  const counts = await generateReportData(raw.mongo, {
    workspaceId,
    surveys: benchSurveys,
    responses: RESPONSES,
    end: END,
    timezone: TIMEZONE,
    onBatch: ({ responses }) => {
      if (performance.now() - lastPrint < 15_000) return;
      lastPrint = performance.now();
      console.log(`  … ${responses} responses (${((lastPrint - genStart) / 1000).toFixed(0)} s)`);
    },
  });
  const genSeconds = (performance.now() - genStart) / 1000;
  console.log(
    `generated ${counts.responses} responses, ${counts.interactions} interactions, ${counts.invitations} invitations (${counts.failed} failed, ${counts.answered} answered) in ${genSeconds.toFixed(1)} s`,
  );
  const memory = () =>
    `bench process rss ${mb(process.memoryUsage().rss)} (peak ${mb(process.resourceUsage().maxRSS * 1024)})` +
    (mongoPid ? `; MongoDB test server ${processMemory(mongoPid)}` : '');
  console.log(`memory after generation: ${memory()}`);

  const waitIdle = async () => {
    await raw.mongo.db!.admin().ping();
  };

  let rawTimings: Timing[] = [];
  if (process.env.BENCH_RAW !== 'off') {
    const server = await startHttpServer(raw, 0);
    console.log('\nraw pipelines (REPORT_ROLLUPS=off):');
    rawTimings = await timeScenarios('raw', `http://127.0.0.1:${server.port}`, auth, waitIdle);
    await server.close();
  }

  let rollupTimings: Timing[] = [];
  let rollupNote: string;
  const rolled = await buildContainer(loadConfig({ ...env, REPORT_ROLLUPS: 'on' }));
  stops.unshift(() => rolled.close());
  const rollups = process.env.BENCH_ROLLUPS === 'off' ? null : rollupService(rolled);
  if (process.env.BENCH_ROLLUPS === 'off') {
    rollupNote = 'skipped (BENCH_ROLLUPS=off)';
  } else if (!rollups) {
    rollupNote = 'skipped: this tree has no container.services.reportRollups.refresh()';
  } else {
    const refreshStart = performance.now();
    const finished = await Promise.race([
      rollups.refresh(workspaceId).then(() => true),
      new Promise<false>((resolve) => setTimeout(resolve, REFRESH_TIMEOUT_MS, false).unref()),
    ]);
    const refreshSeconds = (performance.now() - refreshStart) / 1000;
    if (!finished) {
      console.log(
        `rollups: refresh() still running after ${refreshSeconds.toFixed(0)} s: stopping`,
      );
      printTable('raw pipelines (REPORT_ROLLUPS=off)', rawTimings);
      console.log(
        `\nrollups: skipped, refresh(workspaceId) took over ${REFRESH_TIMEOUT_MS / 1000} s (BENCH_REFRESH_TIMEOUT_S)`,
      );
      process.exit(0);
    }
    rollupNote = `refresh(workspaceId) took ${refreshSeconds.toFixed(1)} s`;
    console.log(`\nrollups: ${rollupNote}; memory: ${memory()}`);
    const server = await startHttpServer(rolled, 0);
    console.log('rollups (REPORT_ROLLUPS=on):');
    rollupTimings = await timeScenarios(
      'rollups',
      `http://127.0.0.1:${server.port}`,
      auth,
      waitIdle,
    );
    await server.close();
  }

  const endMemory = memory();
  for (const stop of stops) await stop();

  console.log(
    `\nreports bench: ${counts.responses} responses (${counts.interactions} interactions and invitations, answered share of reached ${((counts.answered / (counts.invitations - counts.failed)) * 100).toFixed(1)}%), 2 years, 50 agents, 8 teams, 4 interaction channels; ${RUNS} runs per scenario; database: ${process.env.MONGODB_URI ? 'MongoDB' : 'in-process test server'}`,
  );
  console.log(`data generation: ${genSeconds.toFixed(1)} s`);
  if (process.env.BENCH_RAW === 'off') console.log('\nraw pipelines: skipped (BENCH_RAW=off)');
  else printTable('raw pipelines (REPORT_ROLLUPS=off)', rawTimings);
  if (rollupTimings.length) printTable(`rollups (REPORT_ROLLUPS=on; ${rollupNote})`, rollupTimings);
  else console.log(`\nrollups: ${rollupNote}`);
  if (rawTimings.length && rollupTimings.length) {
    const differing = rawTimings
      .filter((r, i) => r.body && rollupTimings[i]?.body)
      .filter((r, i) => figures(r.body) !== figures(rollupTimings[i]!.body))
      .map((r) => r.name);
    console.log(
      differing.length
        ? `\nWARNING: rollups and raw pipelines disagree on: ${differing.join(', ')}`
        : '\nrollups and raw pipelines give the same figures (n, score, response rate per row)',
    );
  }
  console.log(`memory at the end: ${endMemory}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

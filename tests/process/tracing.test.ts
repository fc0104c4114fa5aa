import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startDeliveryFakes } from '../support/delivery-env';
import { createAnyTimeWorkspace, startTestContext } from '../support/harness';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { startRetourProcess } from '../support/retour-process';
import { testEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';

/**
 * Tracing as production runs it: the real server and worker processes, exporting to a local
 * OTLP/HTTP receiver; and, with OTEL_EXPORTER_OTLP_ENDPOINT unset, not one OpenTelemetry module
 * loaded in either process.
 */
jest.setTimeout(90_000);

const REPORT_MODULES = 'tests/support/report-loaded-modules.mjs';
const OTEL = `${path.sep}@opentelemetry${path.sep}`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'retour-tracing-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The web and worker processes on one database, each reporting the modules it loaded. */
async function startBoth(label: string, extra: Record<string, string>) {
  const fakes = await startDeliveryFakes();
  const env = testEnv(label, { ...fakes.env, ...extra });
  const ctx = await startTestContext(label, env);
  const modules = {
    web: path.join(dir, `${label}-web.json`),
    worker: path.join(dir, `${label}-worker.json`),
  };
  const web = await startRetourProcess(
    'src/server.ts',
    { ...env, LOADED_MODULES_FILE: modules.web },
    [REPORT_MODULES],
  );
  const worker = await startRetourProcess(
    'workers/main.ts',
    { ...env, LOADED_MODULES_FILE: modules.worker },
    [REPORT_MODULES],
  );
  return { fakes, ctx, web, worker, modules };
}

type Both = Awaited<ReturnType<typeof startBoth>>;

async function stopBoth(both: Partial<Both>) {
  await Promise.all([both.web?.stop(), both.worker?.stop()]);
  await both.ctx?.close();
  await both.fakes?.close();
}

/** An SMS survey through the real server; resolves once the worker process has sent it. */
async function postInteraction(both: Both, id: string): Promise<void> {
  const ws = await createAnyTimeWorkspace(both.ctx);
  await request(`http://127.0.0.1:${both.web.port}`)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id,
      type: 'ticket.solved',
      customer: { id: `${id}-customer`, phone: '+33612398765', locale: 'en' },
      survey: { type: 'nps', channels: ['sms'] },
    })
    .expect(202);
  await waitFor(() => both.fakes.twilio.messages.length === 1, 'the SMS to be sent', 30_000);
}

interface LoadedModule {
  path: string;
  /** The module that first required it. */
  parent: string | null;
}
const loaded = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as LoadedModule[];
const API = `${OTEL}api${path.sep}`;

describe('with OTEL_EXPORTER_OTLP_ENDPOINT unset', () => {
  let both: Both | undefined;
  afterAll(() => stopBoth(both ?? {}));

  it('when the server and a worker run a survey, then neither process loads the SDK, an exporter or an instrumentation', async () => {
    both = await startBoth('tracing-off', {});
    await postInteraction(both, 'tracing-off-1');
    expect(await both.web.stop()).toBe(0);
    expect(await both.worker.stop()).toBe(0);
    for (const file of [both.modules.web, both.modules.worker]) {
      const paths = loaded(file).map((m) => m.path);
      // The report sees the packages the process did use.
      const pkg = (name: string) => `${path.sep}node_modules${path.sep}${name}${path.sep}`;
      expect(paths.some((p) => p.includes(pkg('mongodb')))).toBe(true);
      expect(paths.some((p) => p.includes(pkg('bullmq')))).toBe(true);
      // prom-client (the /metrics registry) requires @opentelemetry/api, the no-op API package,
      // for exemplars, whatever Retour does: that one, and nothing else of OpenTelemetry.
      expect(paths.filter((p) => p.includes(OTEL) && !p.includes(API))).toEqual([]);
      const apiEntry = loaded(file).find((m) =>
        m.path.endsWith(`${API}build${path.sep}src${path.sep}index.js`),
      );
      expect(apiEntry?.parent ?? 'not loaded').toMatch(/[/\\]node_modules[/\\]prom-client[/\\]/);
    }
  });
});

describe('with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  let receiver: OtlpReceiver;
  let both: Both | undefined;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => {
    await stopBoth(both ?? {});
    await receiver.close();
  });

  it('when an interaction is posted, then the request, its MongoDB and Redis commands and the dispatch job are one trace', async () => {
    both = await startBoth('tracing-on', {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      // Export every 100 ms instead of 5 s, so the test does not wait on the batch.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    await postInteraction(both, 'tracing-on-1');
    const spans = receiver.spans;
    const isInteractionRequest = (s: ReceivedSpan) =>
      s.service === 'retour-web' &&
      s.kind === 2 &&
      String(s.attributes['http.route'] ?? '') === '/api/v1/interactions';
    const httpSpan = await waitFor(() => spans.find(isInteractionRequest), 'the HTTP span');
    const trace = () => spans.filter((s) => s.traceId === httpSpan.traceId);
    const job = await waitFor(
      () => trace().find((s) => s.service === 'retour-worker' && s.name === 'process dispatch-sms'),
      'the dispatch job span in the same trace',
    );
    expect(job.kind).toBe(5);
    expect(job.attributes).toMatchObject({
      'messaging.system': 'bullmq',
      'messaging.destination.name': 'dispatch-sms',
    });
    // Its parent is a span of the web process in this trace (the request, or its Redis call).
    const parent = trace().find((s) => s.spanId === job.parentSpanId);
    expect(parent?.service).toBe('retour-web');

    const mongo = '@opentelemetry/instrumentation-mongodb';
    const ioredis = '@opentelemetry/instrumentation-ioredis';
    await waitFor(
      () => trace().some((s) => s.service === 'retour-web' && s.scope === mongo),
      "a MongoDB span of the request's",
    );
    await waitFor(
      () => trace().some((s) => s.service === 'retour-web' && s.scope === ioredis),
      "a Redis span of the request's (the job being added)",
    );
    await waitFor(
      () =>
        trace().some(
          (s) => s.service === 'retour-worker' && s.scope === mongo && s.parentSpanId !== '',
        ),
      "a MongoDB span of the job's",
    );
    expect(trace().some((s) => s.scope === '@opentelemetry/instrumentation-express')).toBe(true);
    expect(new Set(receiver.contentTypes)).toEqual(new Set(['application/json']));
    // Probes are not traced.
    await request(`http://127.0.0.1:${both.web.port}`).get('/healthz').expect(200);

    expect(await both.web.stop()).toBe(0);
    expect(await both.worker.stop()).toBe(0);
    expect(spans.some((s) => s.attributes['url.path'] === '/healthz')).toBe(false);
    expect(spans.some((s) => s.attributes['http.target'] === '/healthz')).toBe(false);
    // The same report as above sees OpenTelemetry when it is on.
    expect(loaded(both.modules.web).some((m) => m.path.includes(`${OTEL}sdk-node`))).toBe(true);
  });
});

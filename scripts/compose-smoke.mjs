#!/usr/bin/env node
/* global console, fetch, URL, URLSearchParams, setTimeout */
// End-to-end smoke test of a running Retour: an interaction goes in, its survey link is
// answered through the real form, the worker dispatches the invitation, the report counts it.
//
//   node scripts/compose-smoke.mjs <base-url> [api-key]
//
// Without an API key, a fresh workspace and key are created with the command line of the
// compose stack (override with SMOKE_CLI, e.g. SMOKE_CLI="node dist/src/cli.js").
// Against `npm run dev`: node scripts/compose-smoke.mjs http://localhost:3000 <demo API key>
// Needs Node 20 and nothing else; exits 1 with the failing step on any surprise.
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

const [baseArg, keyArg] = process.argv.slice(2);
if (!baseArg) {
  console.error('usage: node scripts/compose-smoke.mjs <base-url> [api-key]');
  process.exit(2);
}
const base = baseArg.replace(/\/+$/, '');
const cli = process.env.SMOKE_CLI ?? 'docker compose exec -T web node dist/src/cli.js';
const WORKER_WAIT_MS = Number(process.env.SMOKE_WORKER_WAIT_MS ?? 60_000);

const step = (text) => console.log(`smoke: ${text}`);
const fail = (text) => {
  console.error(`smoke: FAILED: ${text}`);
  process.exit(1);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(path, init = {}) {
  const res = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

function json(res, what) {
  try {
    return JSON.parse(res.text);
  } catch {
    return fail(`${what}: not JSON (${res.status}): ${res.text.slice(0, 300)}`);
  }
}

/** A fixed-offset zone where it is now midday, so quiet hours (21:00–09:00) never delay the send. */
function middayZone(now) {
  const offset = ((((12 - now.getUTCHours() + 11) % 24) + 24) % 24) - 11;
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

function createKey() {
  const command = `${cli} create-workspace --name "Smoke ${new Date().toISOString()}"`;
  step(`creating a workspace: ${command}`);
  let out;
  try {
    out = execSync(command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (err) {
    return fail(`the command line failed: ${err.message}`);
  }
  const key = JSON.parse(out.slice(out.indexOf('{'))).apiKey?.key;
  if (!key) fail(`no apiKey.key in the command line's answer: ${out}`);
  return key;
}

const started = new Date();
const run = randomUUID();

// Healthy is not ready: wait a little for MongoDB and Redis to answer the HTTP process.
const readyBy = Date.now() + Number(process.env.SMOKE_READY_WAIT_MS ?? 30_000);
let ready;
for (;;) {
  ready = await call('/readyz').catch((err) => ({ status: 0, text: String(err.cause ?? err) }));
  if (ready.status === 200 || Date.now() > readyBy) break;
  await sleep(1000);
}
if (ready.status !== 200) fail(`/readyz answered ${ready.status}: ${ready.text}`);
step(`ready: ${ready.text}`);

const key = keyArg ?? createKey();
const auth = { Authorization: `Bearer ${key}` };

const interaction = {
  id: `smoke-${run}`,
  type: 'ticket.solved',
  customer: { id: `smoke-${run}`, name: 'Smoke Test', locale: 'en', timezone: middayZone(started) },
  attributes: { smokeRun: run },
  survey: { type: 'nps', channels: ['link'], delay: 'PT0S' },
};
const posted = await call('/api/v1/interactions', {
  method: 'POST',
  headers: { ...auth, 'Content-Type': 'application/json' },
  body: JSON.stringify(interaction),
});
if (posted.status !== 202)
  fail(`POST /api/v1/interactions answered ${posted.status}: ${posted.text}`);
const invitation = json(posted, 'POST /api/v1/interactions').invitations?.[0];
if (!invitation?.url) fail(`no invitation with a url in: ${posted.text}`);
step(`interaction accepted; invitation ${invitation.status} on ${invitation.channel}`);

// The link carries PUBLIC_URL; the token path is asked of the base URL given here.
const surveyPath = new URL(invitation.url).pathname;
const page = await call(surveyPath);
if (page.status !== 200) fail(`GET ${surveyPath} answered ${page.status}`);
const nonce = /name="nonce" value="([^"]+)"/.exec(page.text)?.[1];
if (!nonce) fail(`no form nonce in the survey page: ${page.text.slice(0, 300)}`);
step(`survey page served (${page.text.length} bytes) with its form nonce`);

const answer = await call(surveyPath, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ score: '9', comment: 'Smoke test answer', nonce }).toString(),
});
const location = answer.headers.get('location') ?? '';
if (answer.status !== 303 || !location.endsWith('/thanks')) {
  fail(`POST ${surveyPath} answered ${answer.status} (location "${location}"): ${answer.text}`);
}
step('answer posted: 303 to the thank-you page');

// Instants (not whole days) and this run's attribute: the report counts this answer only.
const query = new URLSearchParams({
  type: 'nps',
  from: new Date(started.getTime() - 60_000).toISOString(),
  to: new Date(Date.now() + 3_600_000).toISOString(),
  'filter[attributes.smokeRun]': run,
});
const summaryPath = `/api/v1/reports/summary?${query}`;
// The answer is stored by the HTTP process; the response rate moves once a worker has
// dispatched the invitation (sentAt), which proves the workers take jobs.
const deadline = Date.now() + WORKER_WAIT_MS;
let overall;
for (;;) {
  const summary = await call(summaryPath, { headers: auth });
  if (summary.status !== 200)
    fail(`GET ${summaryPath} answered ${summary.status}: ${summary.text}`);
  overall = json(summary, 'summary').overall;
  if (overall?.n !== 1) fail(`the summary counts n=${overall?.n}, expected 1: ${summary.text}`);
  if (overall.responseRate === 100 || Date.now() > deadline) break;
  await sleep(500);
}
if (overall.responseRate !== 100) {
  fail(
    `no worker dispatched the invitation within ${WORKER_WAIT_MS} ms: ${JSON.stringify(overall)}`,
  );
}
step(`report: n=${overall.n}, score=${overall.score}, responseRate=${overall.responseRate}%`);
step(`passed in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s`);

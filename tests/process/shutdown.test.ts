import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { loadConfig } from '../../config';
import { buildContainer } from '../../src/composition-root';
import { seedDemoWorkspace } from '../../src/workspaces';
import { testEnv } from '../support/test-env';

const root = path.resolve(__dirname, '../..');

interface StartedServer {
  child: ChildProcess;
  port: number;
  /** Every line the process wrote to stdout (pino JSON). */
  lines: string[];
}

function startServer(env: Record<string, string>): Promise<StartedServer> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: { ...process.env, ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"port":(\d+).*HTTP server listening/.exec(out);
      if (match) resolve({ child, port: Number(match[1]), lines });
    });
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

/**
 * 'refused': the listener was already closed. 'reset': the kernel accepted the connection but
 * the server closed before reading it (checked against the server's own request log below).
 * 'dropped:<why>': anything else, which must never happen.
 */
type Outcome = 'answered' | 'refused' | 'reset' | `dropped:${string}`;

function get(port: number, agent: http.Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/workspace',
        agent,
        headers: { authorization: 'Bearer k' },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve(res.statusCode === 200 ? 'answered' : `dropped:${res.statusCode}`),
        );
        res.on('error', (err: NodeJS.ErrnoException) => resolve(`dropped:${err.code}`));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve(
        err.code === 'ECONNREFUSED'
          ? 'refused'
          : err.code === 'ECONNRESET'
            ? 'reset'
            : `dropped:${err.code}`,
      ),
    );
  });
}

describe('graceful shutdown of the HTTP process', () => {
  it('when SIGTERM arrives under load, then every request in flight is answered and the process exits 0 within 10 s', async () => {
    // Exit code 0 also means "within 10 s": past SHUTDOWN_TIMEOUT_MS the process exits with 1.
    const env = testEnv('shutdown', { RETOUR_DEMO_API_KEY: 'k', SHUTDOWN_TIMEOUT_MS: '10000' });
    // The HTTP process does not seed; seed the demo key into its database first.
    const seeding = await buildContainer(loadConfig(env));
    await seedDemoWorkspace(seeding.services.workspaces, 'k');

    const { child, port, lines } = await startServer(env);
    const exited = new Promise<{ code: number | null }>((r) =>
      child.once('exit', (code) => r({ code })),
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const outcomes: Outcome[] = [];
    let stop = false;
    const loops = Array.from({ length: 20 }, async () => {
      while (!stop) {
        const outcome = await get(port, agent);
        outcomes.push(outcome);
        if (outcome === 'refused') return;
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGTERM');
    const { code } = await exited;
    stop = true;
    await Promise.all(loops);
    agent.destroy();
    await seeding.mongo.dropDatabase();
    await seeding.close();

    expect(code).toBe(0);
    expect(outcomes.filter((o) => o === 'answered').length).toBeGreaterThan(20);
    expect(outcomes.filter((o) => o.startsWith('dropped'))).toEqual([]);
    // Every request the server started on was answered: its log has one "request completed"
    // (status 200) per answer the clients got, and no aborted or failed request.
    const logs = lines
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; res?: { statusCode: number } });
    const completed = logs.filter((l) => l.msg === 'request completed');
    expect(completed.every((l) => l.res?.statusCode === 200)).toBe(true);
    expect(completed.length).toBe(outcomes.filter((o) => o === 'answered').length);
    expect(logs.filter((l) => /aborted|errored/.test(l.msg))).toEqual([]);
  }, 40_000);
});

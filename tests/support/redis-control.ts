import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForPing } from '../../dev/redis-server';

/**
 * A redis-server of a test's own that the test can pause (SIGSTOP), resume, kill -9 and start
 * again on the same port. It keeps an append-only file, fsynced on every write, as the README
 * asks of a production Redis, so a restart keeps the queued jobs.
 */
export interface ControlledRedis {
  url: string;
  pause(): void;
  resume(): void;
  kill(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startControlledRedis(): Promise<ControlledRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'retour-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''].concat([
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--loglevel',
        'warning',
      ]),
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    await waitForPing(url, child);
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    url,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    kill,
    start,
    async close() {
      child?.kill('SIGCONT');
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Runs an entry point (with its arguments, space-separated) with a bare environment (no NODE_ENV) and collects how it ended. */
function run(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...entry.split(' ')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('deployed entry points with NODE_ENV unset', () => {
  it.each(['src/server.ts', 'workers/main.ts'])(
    'when %s starts without a SESSION_SECRET, then it refuses, naming the variable',
    async (entry) => {
      const { code, output } = await run(entry, {});
      expect(code).not.toBe(0);
      expect(output).toMatch(/SESSION_SECRET: must be set/);
    },
  );

  it('when the server starts with a secret but no PUBLIC_URL, then it refuses, naming it', async () => {
    const { code, output } = await run('src/server.ts', { SESSION_SECRET: 's'.repeat(40) });
    expect(code).not.toBe(0);
    expect(output).toMatch(/PUBLIC_URL: must be set in production/);
  });

  it.each(['src/server.ts', 'workers/main.ts', 'src/cli.ts create-key'])(
    'when %s starts with the other secrets but no SECRETS_KEY, then it refuses, naming it',
    async (entry) => {
      const { code, output } = await run(entry, {
        SESSION_SECRET: 's'.repeat(40),
        PUBLIC_URL: 'https://feedback.example.com',
      });
      expect(code).not.toBe(0);
      expect(output).toMatch(/SECRETS_KEY: must be set in production/);
    },
  );
});

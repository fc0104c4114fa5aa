import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Starts bench/mongo-server-process.ts and resolves with its URI, its pid and a stop function.
 * `nodeArgs` go to the child's node (e.g. `--max-old-space-size=16384` for big data sets).
 */
export function startMongoInChildProcess(
  nodeArgs: string[] = [],
): Promise<{ uri: string; pid: number; close: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', path.join(__dirname, 'mongo-server-process.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const uri = /mongo-server (\S+)/.exec(out)?.[1];
      if (uri)
        resolve({
          uri,
          pid: child.pid!,
          close: () =>
            new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
        });
    });
    child.once('exit', (code) => reject(new Error(`mongo server process exited ${code}`)));
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export interface RetourProcess {
  child: ChildProcess;
  /** The HTTP port, for the server. */
  port: number | undefined;
  /** Everything the process wrote (pino JSON on stdout, anything on stderr). */
  output(): string;
  /** SIGTERM, then the exit code once it has exited. */
  stop(): Promise<number | null>;
}

const READY = {
  'src/server.ts': /"port":(\d+).*HTTP server listening/,
  'workers/main.ts': /workers started/,
} as const;

/**
 * `src/server.ts` or `workers/main.ts` in a child process, as production starts it (tsx instead
 * of the build), resolved once it logs that it is up. `preload` modules go in with --import.
 */
export function startRetourProcess(
  entry: keyof typeof READY,
  env: Record<string, string>,
  preload: string[] = [],
): Promise<RetourProcess> {
  const imports = [...preload.map((p) => path.resolve(root, p)), 'tsx'].flatMap((m) => [
    '--import',
    m,
  ]);
  const child = spawn(process.execPath, [...imports, entry], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY[entry].exec(out);
      if (match)
        resolve({ child, port: match[1] ? Number(match[1]) : undefined, output: () => out, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`${entry} exited early (${code}): ${out}`)));
  });
}

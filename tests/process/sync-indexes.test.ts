import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { loadConfig } from '../../config';
import { buildContainer } from '../../src/composition-root';
import { connectMongo } from '../../src/database/connect';
import { diffIndexes, MissingIndexesError } from '../../src/database/indexes';
import { registerModels } from '../../src/database/models';
import { startTestContext } from '../support/harness';
import { testEnv } from '../support/test-env';

const root = path.resolve(__dirname, '../..');
// Each step spawns entry points under tsx (a few seconds each on these machines).
jest.setTimeout(120_000);

/** Runs an entry point (with its arguments, space-separated) and collects how it ended. */
function run(entry: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...entry.split(' ')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, output }));
  });
}

/** A deployed (production) environment on a database of its own, empty at first. */
const env: Record<string, string> = {
  ...testEnv('sync-indexes'),
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://feedback.example.com',
  SECRETS_KEY: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
};

const indexName = (key: Record<string, unknown>) =>
  Object.entries(key)
    .map(([f, d]) => `${f}_${String(d)}`)
    .join('_');

let conn: Connection;
/** collection → the schemas' indexes as "name unique?", sorted. */
let declared: Record<string, string[]>;

async function existing(collection: string): Promise<string[]> {
  const indexes = await conn.db!.collection(collection).listIndexes().toArray();
  return indexes
    .filter((i) => i.name !== '_id_')
    .map((i) => `${i.name}${i.unique ? ' unique' : ''}`)
    .sort();
}

beforeAll(async () => {
  conn = await connectMongo(env.MONGODB_URI!, { autoIndex: false }).asPromise();
  declared = {};
  for (const model of registerModels(conn)) {
    const name = model.collection.collectionName;
    expect(declared[name]).toBeUndefined(); // one model per collection
    declared[name] = model.schema
      .indexes()
      .map(
        ([key, options]) => `${options.name ?? indexName(key)}${options.unique ? ' unique' : ''}`,
      )
      .sort();
  }
});
afterAll(async () => {
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
});

describe('indexes in production', () => {
  it('when the database is empty, then production start-up refuses, listing every index per collection', async () => {
    const err = await buildContainer(loadConfig(env)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingIndexesError);
    const listed = Object.fromEntries(
      (err as MissingIndexesError).missing.map((c) => [c.collection, c.missing.map((i) => i.name)]),
    );
    const expected = Object.fromEntries(
      Object.entries(declared)
        .filter(([, names]) => names.length)
        .map(([c, names]) => [c, names.map((n) => n.replace(/ unique$/, ''))]),
    );
    expect(Object.keys(listed).sort()).toEqual(Object.keys(expected).sort());
    for (const [c, names] of Object.entries(expected)) expect(listed[c]!.sort()).toEqual(names);
    expect((err as Error).message).toMatch(/Create them with `npm run cli -- sync-indexes`/);
  });

  it('when sync-indexes runs on the empty database, then every collection has exactly its schema indexes', async () => {
    const { code, stdout, output } = await run('src/cli.ts sync-indexes', env);
    expect({ code, output }).toEqual({ code: 0, output: expect.any(String) });
    const summary = JSON.parse(stdout) as { collections: number; changes: { dropped: string[] }[] };
    expect(summary.collections).toBe(Object.keys(declared).length);
    expect(summary.changes.flatMap((c) => c.dropped)).toEqual([]);
    for (const [collection, names] of Object.entries(declared))
      expect([collection, await existing(collection)]).toEqual([collection, names]);
  });

  it('when the indexes exist, then production start-up succeeds and builds nothing', async () => {
    const container = await buildContainer(loadConfig(env));
    await container.close();
    const diffs = await diffIndexes(conn);
    expect(diffs.filter((d) => d.missing.length || d.extra.length)).toEqual([]);
  });

  it('when one index is missing, then the server refuses to start, naming that index only', async () => {
    await conn.db!.collection('responses').dropIndex('invitationId_1');
    const { code, output } = await run('src/server.ts', env);
    expect({ code, output }).toEqual({ code: 1, output: expect.any(String) });
    expect(output).toContain('  - responses: invitationId_1 {"invitationId":1}\n');
    expect(output.match(/^ {2}- /gm)).toHaveLength(1);
    expect(output).toContain('npm run cli -- sync-indexes');
    expect(output).not.toMatch(/^\s+at /m); // a message for the operator, not a stack
    const worker = await run('workers/main.ts', env);
    expect(worker.code).toBe(1);
    expect(worker.output).toContain('  - responses: invitationId_1 {"invitationId":1}\n');

    await run('src/cli.ts sync-indexes', env);
    expect(await existing('responses')).toEqual(declared.responses);
  });

  it('when an index no schema declares exists, then --dry-run and --keep-extra leave it and sync-indexes drops it', async () => {
    await conn.db!.collection('responses').createIndex({ comment: 1 }, { name: 'by_hand' });
    const dry = await run('src/cli.ts sync-indexes --dry-run', env);
    expect(JSON.parse(dry.stdout)).toEqual({
      dryRun: true,
      changes: [{ collection: 'responses', create: [], drop: ['by_hand'] }],
    });
    await run('src/cli.ts sync-indexes --keep-extra', env);
    expect(await existing('responses')).toContain('by_hand');
    const container = await buildContainer(loadConfig(env)); // an extra index is only reported
    await container.close();

    const synced = await run('src/cli.ts sync-indexes', env);
    expect(JSON.parse(synced.stdout).changes).toEqual([
      { collection: 'responses', created: [], dropped: ['by_hand'] },
    ]);
    expect(await existing('responses')).toEqual(declared.responses);
  });
});

describe('indexes in development and tests', () => {
  it('when a test context starts on an empty database, then it builds every index itself', async () => {
    const ctx = await startTestContext('sync-indexes-dev');
    try {
      const diffs = await diffIndexes(ctx.container.mongo);
      expect(diffs).toHaveLength(Object.keys(declared).length);
      expect(diffs.filter((d) => d.missing.length)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});

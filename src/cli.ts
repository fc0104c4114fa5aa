import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { Types } from 'mongoose';
import { deployedEnv, loadConfig } from '../config';
import { runWithAudit, systemAuditContext } from './audit';
import { buildContainer } from './composition-root';
import { connectMongo } from './database/connect';
import { diffIndexes, syncIndexes } from './database/indexes';
import { createLogger } from './shared/logger';
import { runMain } from './shared/run-main';
import { API_KEY_SCOPES, type ApiKeyScope, type Role } from './workspaces';

const usage = `Usage: npm run cli -- <command> [options]

Commands:
  create-workspace --name <name> [--timezone Europe/Paris] [--locale fr|en]
      Creates a workspace and an API key holding every scope; prints both.
  create-key --workspace <id|slug> [--name <name>] [--scopes ${API_KEY_SCOPES.join(',')}]
      Creates an API key; the secret is printed once and never stored.
  revoke-key --workspace <id|slug> --key-id <id>
  create-user --workspace <id|slug> --email <email> --name <name> --role admin|manager|agent
              [--teams billing,support] [--password <password>]
      Creates a user. With --password it is set now; otherwise a one-time link to choose a
      password (valid 7 days) is printed.
  refresh-rollups [--workspace <id|slug>] [--rebuild]
      Brings the daily report rollups up to date now (all workspaces without --workspace);
      --rebuild recomputes every day from the raw answers first.
  export-workspace --workspace <id|slug> [--out <file>]
      Writes the whole workspace as NDJSON (as GET /api/v1/workspace/export) to the file, or to
      standard output.
  import-workspace --workspace <id|slug> --in <file>
      Imports such a file into the workspace (as POST /api/v1/workspace/import, with no size
      limit); importing it again changes nothing.
  reencrypt-secrets
      After putting a new key first in SECRETS_KEY: re-encrypts every stored secret under it,
      so the old key can be removed; lists connectors whose secrets no listed key opens.
  sync-indexes [--dry-run] [--keep-extra]
      Makes every collection's indexes those the schemas declare: creates the missing ones and
      drops the ones no schema declares (an index whose options changed is dropped and built
      again). Run it on each deployment before starting the new version: production start-up
      refuses while an index is missing. --dry-run lists what it would create and drop;
      --keep-extra creates without dropping. Needs MONGODB_URI only.

Uses MONGODB_URI and REDIS_URL like the service does.`;

/** sync-indexes talks to MongoDB alone, so a deployment job needs no Redis. */
async function syncIndexesCommand(uri: string, options: { dryRun: boolean; keepExtra: boolean }) {
  const conn = await connectMongo(uri, { autoIndex: false }).asPromise();
  try {
    if (options.dryRun) {
      const diffs = await diffIndexes(conn);
      const changes = diffs
        .filter((d) => d.missing.length || (d.extra.length && !options.keepExtra))
        .map((d) => ({
          collection: d.collection,
          create: d.missing.map((i) => i.name),
          drop: options.keepExtra ? [] : d.extra,
        }));
      console.log(JSON.stringify({ dryRun: true, changes }, null, 2));
      return;
    }
    const synced = await syncIndexes(conn, { keepExtra: options.keepExtra });
    const changes = synced.filter((c) => c.created.length || c.dropped.length);
    console.log(JSON.stringify({ collections: synced.length, changes }, null, 2));
  } finally {
    await conn.close();
  }
}

runMain(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      timezone: { type: 'string' },
      locale: { type: 'string' },
      workspace: { type: 'string' },
      scopes: { type: 'string' },
      'key-id': { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      teams: { type: 'string' },
      password: { type: 'string' },
      rebuild: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'keep-extra': { type: 'boolean' },
      out: { type: 'string' },
      in: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    console.log(usage);
    return;
  }
  const config = loadConfig(deployedEnv());
  if (command === 'sync-indexes') {
    await syncIndexesCommand(config.MONGODB_URI, {
      dryRun: values['dry-run'] ?? false,
      keepExtra: values['keep-extra'] ?? false,
    });
    return;
  }
  const container = await buildContainer(config, { logger: createLogger('warn', 'retour-cli') });
  const { workspaces } = container.services;
  const findWorkspace = async (ref: string | undefined) => {
    if (!ref) throw new Error('--workspace is required');
    const ws = Types.ObjectId.isValid(ref)
      ? await workspaces.getWorkspace(new Types.ObjectId(ref))
      : await workspaces.findWorkspaceBySlug(ref);
    if (!ws) throw new Error(`No workspace "${ref}"`);
    return ws;
  };
  try {
    switch (command) {
      case 'create-workspace': {
        if (!values.name) throw new Error('--name is required');
        const ws = await workspaces.createWorkspace({
          name: values.name,
          timezone: values.timezone,
          defaultLocale: values.locale,
        });
        const key = await workspaces.issueApiKey(new Types.ObjectId(ws.id), { name: 'admin' });
        console.log(
          JSON.stringify(
            { workspace: ws, apiKey: { id: key.id, key: key.key, scopes: key.scopes } },
            null,
            2,
          ),
        );
        console.error('Store the API key now: it is shown only once.');
        break;
      }
      case 'create-key': {
        const ws = await findWorkspace(values.workspace);
        const scopes = values.scopes?.split(',').map((s) => s.trim()) as ApiKeyScope[] | undefined;
        const key = await workspaces.issueApiKey(new Types.ObjectId(ws.id), {
          name: values.name ?? 'cli',
          scopes,
        });
        console.log(
          JSON.stringify(
            { id: key.id, key: key.key, prefix: key.prefix, scopes: key.scopes },
            null,
            2,
          ),
        );
        console.error('Store the API key now: it is shown only once.');
        break;
      }
      case 'revoke-key': {
        const ws = await findWorkspace(values.workspace);
        if (!values['key-id']) throw new Error('--key-id is required');
        const key = await workspaces.revokeApiKey(new Types.ObjectId(ws.id), values['key-id']);
        console.log(JSON.stringify(key, null, 2));
        break;
      }
      case 'create-user': {
        const ws = await findWorkspace(values.workspace);
        if (!values.email || !values.name || !values.role) {
          throw new Error('--email, --name and --role are required');
        }
        const user = await container.services.users.create(new Types.ObjectId(ws.id), {
          email: values.email,
          name: values.name,
          role: values.role as Role,
          teams: values.teams
            ?.split(',')
            .map((t) => t.trim())
            .filter(Boolean),
          password: values.password,
        });
        const link = user.hasPassword
          ? null
          : await container.services.signIn.invite(user, { email: false });
        console.log(JSON.stringify({ user, setPasswordUrl: link }, null, 2));
        if (link) console.error('Send this link to the user: it works once, within 7 days.');
        break;
      }
      case 'refresh-rollups': {
        const id = values.workspace
          ? new Types.ObjectId((await findWorkspace(values.workspace)).id)
          : undefined;
        const rollups = container.services.reportRollups;
        const summary = values.rebuild ? await rollups.rebuild(id) : await rollups.refresh(id);
        console.log(JSON.stringify(summary, null, 2));
        break;
      }
      case 'export-workspace': {
        const ws = await findWorkspace(values.workspace);
        const out = values.out ? createWriteStream(values.out) : process.stdout;
        await runWithAudit(systemAuditContext('cli'), async () => {
          for await (const line of container.services.transfer.exportLines(
            new Types.ObjectId(ws.id),
          ))
            if (!out.write(line)) await once(out, 'drain');
        });
        if (out !== process.stdout) out.end();
        break;
      }
      case 'import-workspace': {
        const ws = await findWorkspace(values.workspace);
        if (!values.in) throw new Error('--in is required');
        const lines = readFileSync(values.in, 'utf8').split('\n');
        const result = await runWithAudit(systemAuditContext('cli'), () =>
          container.services.transfer.importLines(new Types.ObjectId(ws.id), lines),
        );
        console.log(JSON.stringify(result, null, 2));
        break;
      }
      case 'reencrypt-secrets': {
        const connectors = await container.services.connectors.reencryptAll();
        const twilio = await container.services.workspaces.reencryptTwilioSecrets();
        const summary = { ...connectors, workspaceTwilio: twilio };
        console.log(JSON.stringify(summary, null, 2));
        if (summary.unreadable.length) process.exitCode = 1;
        break;
      }
      default:
        throw new Error(`Unknown command "${command}".\n\n${usage}`);
    }
  } finally {
    await container.close();
  }
});

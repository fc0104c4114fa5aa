import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config';
import { configSchema } from '../../config/schema';

// .env.example is what docker-compose.yml reads (as .env): it must keep up with the schema.
const lines = readFileSync(path.join(__dirname, '../../.env.example'), 'utf8').split('\n');
const entries = lines.flatMap((line, index) => {
  const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
  return match ? [{ key: match[1]!, value: match[2]!, comment: lines[index - 1] ?? '' }] : [];
});
const schemaKeys = Object.keys(configSchema.in.shape).sort();
const COMPOSE_ONLY = ['RETOUR_HTTP_PORT', 'RETOUR_IMAGE'];

describe('.env.example', () => {
  it('lists every variable of the config schema once, each under its comment line', () => {
    const keys = entries.map((e) => e.key);
    expect(keys.filter((k) => !COMPOSE_ONLY.includes(k)).sort()).toEqual(schemaKeys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of entries)
      expect([entry.key, entry.comment]).toEqual([entry.key, expect.stringMatching(/^# \S/)]);
  });

  it('refuses to start in production until both secrets are generated, then loads as is', () => {
    const env = Object.fromEntries(entries.map((e) => [e.key, e.value]));
    expect(() => loadConfig(env)).toThrow(/SESSION_SECRET: must be set/);
    expect(() => loadConfig({ ...env, SESSION_SECRET: randomBytes(32).toString('hex') })).toThrow(
      /SECRETS_KEY: must be set in production/,
    );
    const config = loadConfig({
      ...env,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SECRETS_KEY: `k1:${randomBytes(32).toString('base64')}`,
    });
    expect(config.NODE_ENV).toBe('production');
    expect(config.MONGODB_URI).toBe('mongodb://mongo:27017/retour?replicaSet=rs0');
    expect(config.REDIS_URL).toBe('redis://redis:6379');
  });
});

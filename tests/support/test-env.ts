import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../config';

/** Replaces the database name of a MongoDB URI, keeping hosts and options. */
export function withDatabase(uri: string, db: string): string {
  const [base = '', query] = uri.split('?', 2);
  const scheme = base.indexOf('://') + 3;
  const slash = base.indexOf('/', scheme);
  const hosts = slash === -1 ? base : base.slice(0, slash);
  return `${hosts}/${db}${query ? `?${query}` : ''}`;
}

export function uniqueName(label: string): string {
  const safe = label.replace(/[^a-z0-9]+/gi, '_').slice(0, 30);
  return `t_${safe}_${randomBytes(4).toString('hex')}`;
}

/** Environment for one test file: shared servers, its own database and queue prefix. */
export function testEnv(label: string, extra: Record<string, string> = {}): Record<string, string> {
  const mongo = process.env.TEST_MONGODB_URI ?? process.env.MONGODB_URI;
  const redis = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL;
  if (!mongo || !redis) throw new Error('The jest global setup did not provide MongoDB and Redis.');
  const name = uniqueName(label);
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGODB_URI: withDatabase(mongo, name),
    REDIS_URL: redis,
    QUEUE_PREFIX: name,
    PORT: '0',
    PUBLIC_URL: 'http://retour.test',
    SESSION_SECRET: 'test-only-session-secret-0123456789abcdef',
    // The local fakes (webhook receivers) listen on 127.0.0.1.
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    ...extra,
  };
}

export function testConfig(label: string, extra: Record<string, string> = {}): Config {
  return loadConfig(testEnv(label, extra));
}

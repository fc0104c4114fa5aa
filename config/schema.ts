import { z } from 'zod';
import { parseAllowHosts } from '../src/shared/outbound/address-policy';
import { parseOperatorEmails } from '../src/queue-dashboard/operators';
import { DEV_SECRETS_KEY, holdsDevKey, parseSecretsKey } from '../src/shared/secrets';
import { parseHostPorts, resolveRedisTopology, type RedisTopology } from './redis-topology';
import { parseTrustProxy } from './trust-proxy';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const hostPorts = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const parsed = parseHostPorts(value);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.join(' or ')}//`,
    );

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']),
    PORT: z.coerce.number().int().min(0).max(65535),
    PUBLIC_URL: url(['http:', 'https:']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    MONGODB_URI: url(['mongodb:', 'mongodb+srv:']),
    /** Where report queries read (src/reports/report-sources.ts); answers and jobs stay on the primary. */
    MONGODB_REPORTS_READ_PREFERENCE: z.enum([
      'primary',
      'primaryPreferred',
      'secondary',
      'secondaryPreferred',
      'nearest',
    ]),
    /** One of three Redis topologies (config/redis-topology.ts); none set = a local server. */
    REDIS_URL: url(['redis:', 'rediss:']).optional(),
    REDIS_SENTINELS: hostPorts,
    REDIS_SENTINEL_NAME: optionalText,
    REDIS_SENTINEL_PASSWORD: optionalText,
    REDIS_CLUSTER_NODES: hostPorts,
    /** The data nodes' password and TLS under Sentinel or Cluster (REDIS_URL carries its own). */
    REDIS_PASSWORD: optionalText,
    REDIS_TLS: z.enum(['on', 'off']).transform((v) => v === 'on'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
    /** Keys for secrets at rest (src/shared/secrets.ts); unset = the development key. */
    SECRETS_KEY: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const ring = parseSecretsKey(value);
        if (typeof ring === 'string') {
          ctx.addIssue({ code: 'custom', message: ring });
          return z.NEVER;
        }
        return ring;
      }),
    QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive(),
    JOB_LOCK_MS: z.coerce.number().int().min(1000),
    REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000),
    JOB_OUTBOX_DRAIN_MS: z.coerce.number().int().min(50).max(600_000),
    SEND_RATE_SMS: z.coerce.number().int().positive(),
    SEND_RATE_WHATSAPP: z.coerce.number().int().positive(),
    SEND_RATE_EMAIL: z.coerce.number().int().positive(),
    SEND_RATE_CHAT: z.coerce.number().int().positive(),
    DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(200),
    LANDING_RATE_PER_IP_PER_MINUTE: z.coerce.number().int().positive(),
    LANDING_RATE_PER_LINK_PER_10_MINUTES: z.coerce.number().int().positive(),
    EMAIL_CLICK_SETTLE_MS: z.coerce.number().int().min(500).max(3_600_000),
    SESSION_TTL_HOURS: z.coerce.number().positive().max(720),
    LOGIN_RATE_PER_IP_PER_15_MINUTES: z.coerce.number().int().positive(),
    ARGON2_MEMORY_KIB: z.coerce.number().int().min(1024).max(4_194_304),
    REPORT_ROLLUPS: z.enum(['on', 'off']),
    REPORT_ROLLUPS_SETTLE_MS: z.coerce.number().int().min(0).max(3_600_000),
    CONNECTOR_CATCHUP_MS: z.coerce.number().int().min(10_000).max(86_400_000),
    TRUST_PROXY: z.string().transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (parsed === null) {
        ctx.addIssue({
          code: 'custom',
          message:
            'must be a hop count (e.g. 1) or a comma list of IPs, subnets, loopback, linklocal, uniquelocal',
        });
        return z.NEVER;
      }
      return parsed;
    }),
    /** Internal hosts outbound webhooks may reach (local fakes in development and tests). */
    OUTBOUND_ALLOW_HOSTS: z
      .string()
      .optional()
      .transform((v) => parseAllowHosts(v)),
    TWILIO_ACCOUNT_SID: optionalText,
    TWILIO_AUTH_TOKEN: optionalText,
    TWILIO_FROM: optionalText,
    TWILIO_MESSAGING_SERVICE_SID: optionalText,
    TWILIO_WHATSAPP_FROM: optionalText,
    TWILIO_API_URL: url(['http:', 'https:']).optional(),
    SMTP_URL: url(['smtp:', 'smtps:']),
    MAIL_FROM: z.string().min(3),
    RETOUR_DEMO_API_KEY: optionalText,
    /** GET /metrics on the app answers only a scraper presenting this bearer token. */
    METRICS_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, {
      message: 'must be at least 16 characters',
    }),
    /** A separate port serving /metrics without a token (web and workers), on METRICS_HOST. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    METRICS_HOST: z.string().trim().min(1),
    RETOUR_DEMO_HISTORY: z.enum(['on', 'off']),
    /** Accounts (comma list of user emails) that may open the queue dashboard; empty: nobody. */
    OPERATOR_EMAILS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const parsed = parseOperatorEmails(value);
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      }),
    /**
     * Tracing (src/shared/tracing.ts reads these from the environment before the config loads,
     * as OpenTelemetry must start before the modules it instruments; validated here as well).
     */
    OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']).optional(),
    OTEL_SERVICE_NAME: optionalText,
  })
  .refine((c) => c.NODE_ENV !== 'production' || !c.SESSION_SECRET.startsWith('dev-only'), {
    path: ['SESSION_SECRET'],
    message: 'must be set to a secret of your own in production',
  })
  .refine((c) => c.NODE_ENV !== 'production' || c.PUBLIC_URL !== undefined, {
    path: ['PUBLIC_URL'],
    message: 'must be set in production (the https address customers open survey links at)',
  })
  .refine(
    (c) =>
      c.NODE_ENV !== 'production' || (c.SECRETS_KEY !== undefined && !holdsDevKey(c.SECRETS_KEY)),
    {
      path: ['SECRETS_KEY'],
      message:
        'must be set in production to id:base64key (32 bytes, e.g. `openssl rand -base64 32`), without the dev key',
    },
  )
  .refine((c) => c.NODE_ENV !== 'production' || c.ARGON2_MEMORY_KIB >= 19456, {
    path: ['ARGON2_MEMORY_KIB'],
    message: 'must be at least 19456 (19 MiB) in production',
  })
  .superRefine((c, ctx) => {
    const topology = resolveRedisTopology(c);
    if (Array.isArray(topology))
      for (const p of topology)
        ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  })
  .transform((c) => {
    const redis = resolveRedisTopology(c) as RedisTopology;
    return {
      ...c,
      REDIS: redis,
      REDIS_URL: redis.kind === 'single' ? redis.url : undefined,
      PUBLIC_URL: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
      SECRETS_KEY: c.SECRETS_KEY ?? devKeyring(),
    };
  });

export type Config = z.output<typeof configSchema>;

function devKeyring() {
  const ring = parseSecretsKey(DEV_SECRETS_KEY);
  if (typeof ring === 'string') throw new Error(ring);
  return ring;
}

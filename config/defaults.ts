/**
 * Local defaults: what a newcomer gets with no environment at all.
 * Every key can be overridden by the environment variable of the same name.
 */
export const defaults = {
  NODE_ENV: 'development',
  PORT: '3000',
  LOG_LEVEL: 'info',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/retour',
  MONGODB_REPORTS_READ_PREFERENCE: 'primary',
  SESSION_SECRET: 'dev-only-session-secret-change-me-in-production',
  MAIL_FROM: 'Retour <no-reply@retour.localhost>',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  QUEUE_PREFIX: 'retour',
  /** TLS to the Redis nodes under Sentinel or Cluster (a single server: a rediss:// REDIS_URL). */
  REDIS_TLS: 'off',
  SHUTDOWN_TIMEOUT_MS: '10000',
  /** How long a worker owns a job; a crashed worker's job is retried after about this long. */
  JOB_LOCK_MS: '30000',
  /** A Redis command without an answer this long fails (the API then answers 503, not a hang). */
  REDIS_COMMAND_TIMEOUT_MS: '2000',
  /** How often workers move jobs parked in MongoDB while Redis was down back onto their queues. */
  JOB_OUTBOX_DRAIN_MS: '5000',
  /** Messages per second per channel (BullMQ limiter), within what the providers accept. */
  SEND_RATE_SMS: '10',
  SEND_RATE_WHATSAPP: '10',
  SEND_RATE_EMAIL: '20',
  SEND_RATE_CHAT: '20',
  DISPATCH_CONCURRENCY: '10',
  /** Survey page requests per client IP per minute, and per survey link per 10 minutes. */
  LANDING_RATE_PER_IP_PER_MINUTE: '300',
  EMAIL_CLICK_SETTLE_MS: '60000',
  LANDING_RATE_PER_LINK_PER_10_MINUTES: '60',
  /** Signed-in users: idle timeout of a session (rolling), in hours. */
  SESSION_TTL_HOURS: '8',
  /** Login, forgot-password and reset form posts per client IP per 15 minutes. */
  LOGIN_RATE_PER_IP_PER_15_MINUTES: '30',
  /** argon2id memory cost in KiB (OWASP minimum: 19456 with 2 passes); lower only in tests. */
  ARGON2_MEMORY_KIB: '19456',
  /** `npm run dev` only: seed 12 weeks of demo history into the demo workspace (off: none). */
  RETOUR_DEMO_HISTORY: 'on',
  /** Daily report rollups for ranges of whole days (off: every report reads the raw answers). */
  REPORT_ROLLUPS: 'on',
  /** How far the rollup watermark trails the scan, for writes committed late or clocks that lag. */
  REPORT_ROLLUPS_SETTLE_MS: '60000',
  /** How often Chatwoot connectors' APIs are asked for resolved conversations a webhook missed. */
  CONNECTOR_CATCHUP_MS: '600000',
  /** Express `trust proxy`: hop count or addresses/subnets of the proxies in front of Retour. */
  TRUST_PROXY: 'loopback',
  /** Where METRICS_PORT listens: loopback, so metrics are never public unless asked for. */
  METRICS_HOST: '127.0.0.1',
} as const;

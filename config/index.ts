import { z } from 'zod';
import { defaults } from './defaults';
import { configSchema, type Config } from './schema';

export type { Config } from './schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const keys = Object.keys(configSchema.in.shape) as (keyof z.input<typeof configSchema>)[];

/**
 * The environment of a deployed entry point (server, workers, CLI): a missing NODE_ENV means
 * production, so development defaults (the dev SESSION_SECRET, the dev outbox) never reach a
 * real installation by accident. Only `npm run dev` reads the environment as is.
 */
export function deployedEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return env.NODE_ENV ? env : { ...env, NODE_ENV: 'production' };
}

/** Defaults, overridden by the environment (empty strings count as unset), validated once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string | undefined> = { ...defaults };
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

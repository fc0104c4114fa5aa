import type { CommandStartedEvent } from 'mongodb';
import type { Redis } from 'ioredis';
import type { TestContext } from './harness';
import { startTestContext } from './harness';
import type { RedisClient } from '../../src/shared/redis-connection';

/** Commands that belong to the driver's connection upkeep, not to the operation measured. */
const UPKEEP = new Set(['hello', 'ismaster', 'isMaster', 'endSessions', 'ping', 'buildInfo']);

export interface RoundTrips {
  /** MongoDB command names, in the order the driver sent them ("find invitations"...). */
  mongo: string[];
  /** Redis round trips: one per command sent alone, one per pipeline (MULTI/EXEC included). */
  redis: string[];
}

type Command = { name: string; args: unknown[] };
type Stream = { isPipeline?: boolean } | undefined;

/**
 * Counts every Redis round trip a connection makes while `on()` says so. A pipeline sends all
 * its commands in one write, so ioredis hands each of them to sendCommand with the same
 * pipeline stream object: that object counts once.
 */
export function countRedis(client: RedisClient, into: () => string[] | null): void {
  const redis = client as Redis;
  const original = redis.sendCommand.bind(redis) as (c: Command, s?: Stream) => unknown;
  const pipelines = new WeakSet<object>();
  (redis as unknown as { sendCommand: (c: Command, s?: Stream) => unknown }).sendCommand = (
    command,
    stream,
  ) => {
    const list = into();
    if (list) {
      if (stream?.isPipeline) {
        if (!pipelines.has(stream)) {
          pipelines.add(stream);
          list.push(`pipeline(${command.name}…)`);
        }
      } else if (!(redis.status === 'connect' || redis.status === 'connecting')) {
        list.push(
          `${command.name}${command.name.startsWith('eval') ? ` ${String(command.args[0]).slice(0, 12)}` : ''}`,
        );
      }
    }
    return original(command, stream);
  };
}

/**
 * A test context that counts the MongoDB commands (driver command monitoring) and the Redis
 * round trips (the request connection and the queues' connection) each measured step makes.
 */
export async function startCountingContext(
  label: string,
  uri: string,
  env: Record<string, string> = {},
) {
  const monitored = `${uri}${uri.includes('?') ? '&' : '?'}monitorCommands=true`;
  const ctx: TestContext = await startTestContext(label, { ...env, MONGODB_URI: monitored });
  let current: RoundTrips | null = null;
  ctx.container.mongo.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    if (!current || UPKEEP.has(event.commandName)) return;
    const target = event.command[event.commandName] as unknown;
    current.mongo.push(`${event.commandName} ${typeof target === 'string' ? target : ''}`.trim());
  });
  countRedis(ctx.container.redis, () => current?.redis ?? null);
  // Every queue shares one connection (src/shared/queues.ts).
  countRedis(
    await (
      ctx.container.queues.responses.getBackend() as unknown as { client: Promise<RedisClient> }
    ).client,
    () => current?.redis ?? null,
  );

  /** Runs `fn` and returns the round trips it made (and those of anything it awaited). */
  const measure = async (fn: () => Promise<unknown>): Promise<RoundTrips> => {
    const trips: RoundTrips = { mongo: [], redis: [] };
    current = trips;
    try {
      await fn();
    } finally {
      current = null;
    }
    return trips;
  };
  return { ctx, measure };
}

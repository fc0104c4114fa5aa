import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { isCluster, type RedisClient } from './redis-connection';

/**
 * An express-rate-limit store in Retour's Redis. Each counter is one key and its Lua scripts
 * name only that key, so they run on a Cluster as they are; the scripts themselves are loaded
 * into every master there (SCRIPT LOAD carries no key, so it would reach one random node).
 */
export function rateLimitStore(redis: RedisClient, prefix: string): RedisStore {
  if (!isCluster(redis))
    return new RedisStore({
      sendCommand: (command: string, ...args: string[]) =>
        redis.call(command, ...args) as Promise<RedisReply>,
      prefix,
    });
  return new RedisStore({
    sendCommandCluster: async ({ command: [name = '', ...args] }) => {
      if (name.toUpperCase() !== 'SCRIPT') return redis.call(name, ...args) as Promise<RedisReply>;
      const replies = await Promise.all(redis.nodes('master').map((n) => n.call(name, ...args)));
      return replies[0] as RedisReply;
    },
    prefix,
  });
}

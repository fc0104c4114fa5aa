import { Redis, type RedisOptions } from 'ioredis';
import type { ServerOptions } from './fail-fast-redis';

/**
 * A connection through Sentinel with a failover detector (it follows +switch-master at once).
 * ioredis leaves the detector's Sentinel connections open after QUIT, which is how BullMQ closes
 * a worker's connections (their duplicates), so they would keep the process alive: once the
 * connection has ended, they are closed too. Duplicates are of this class as well.
 */
export class SentinelRedis extends Redis {
  constructor(options: ServerOptions) {
    super({ ...options, failoverDetector: true });
    this.once('end', () => this.disconnect());
  }

  override duplicate(override?: Partial<RedisOptions>): never {
    return new SentinelRedis({ ...this.options, ...override } as ServerOptions) as never;
  }
}

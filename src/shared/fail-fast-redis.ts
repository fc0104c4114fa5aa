import { Redis, type Command } from 'ioredis';
import type { RedisBreaker } from './redis-breaker';
import { isRedisUnavailable, RedisUnavailableError } from './redis-unavailable';

type Stream = Parameters<Redis['sendCommand']>[1];
interface FailFastOptions {
  commandTimeout: number;
  maxRetriesPerRequest: number;
}

/**
 * An ioredis connection for requests that must not hang: each command fails after
 * `commandTimeout`, and once one has failed for want of Redis, the shared breaker fails the
 * next ones at once for a few seconds instead of making every request wait the full timeout.
 * The connection's own handshake (status "connect") and pipelines are left alone; pipelined
 * commands still end at the command timeout.
 */
export class FailFastRedis extends Redis {
  private breaker: RedisBreaker | undefined;

  constructor(url: string, options: FailFastOptions, breaker: RedisBreaker) {
    super(url, options);
    this.breaker = breaker;
  }

  override sendCommand(command: Command, stream?: Stream): unknown {
    if (!stream && this.status !== 'connect' && this.breaker?.isOpen()) {
      command.reject(new RedisUnavailableError());
      return command.promise;
    }
    const sent = super.sendCommand(command, stream);
    command.promise.catch((err: unknown) => {
      if (isRedisUnavailable(err) && !(err instanceof RedisUnavailableError)) this.breaker?.trip();
    });
    return sent;
  }
}

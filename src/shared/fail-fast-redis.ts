import { Cluster, Redis, type ClusterOptions, type Command, type RedisOptions } from 'ioredis';
import type { RedisBreaker } from './redis-breaker';
import { isRedisUnavailable, RedisUnavailableError } from './redis-unavailable';

type Stream = Parameters<Redis['sendCommand']>[1];
/** Retour reads replies in ioredis' legacy (RESP2-shaped) form everywhere. */
export type ServerOptions = RedisOptions & { replyMapping?: 'legacy' };
export type ClusterConnectionOptions = ClusterOptions & {
  redisOptions?: ClusterOptions['redisOptions'] & { replyMapping?: 'legacy' };
};

/**
 * The fail-fast rule shared by a server and a Cluster connection: while the breaker is open a
 * command fails at once; a command that fails for want of Redis opens it. The handshake
 * (status "connect": AUTH, SELECT, the Cluster's ready check) and pipelines pass untouched.
 */
function sendFailingFast(
  status: string,
  breaker: RedisBreaker,
  command: Command,
  stream: unknown,
  send: () => unknown,
): unknown {
  if (!stream && status !== 'connect' && breaker.isOpen()) {
    command.reject(new RedisUnavailableError());
    return command.promise;
  }
  const sent = send();
  command.promise.catch((err: unknown) => {
    if (isRedisUnavailable(err) && !(err instanceof RedisUnavailableError)) breaker.trip();
  });
  return sent;
}

/**
 * An ioredis connection for requests that must not hang: each command fails after
 * `commandTimeout` (RedisOptions), and once one has failed for want of Redis, the shared breaker
 * fails the next ones at once for a few seconds instead of making every request wait the full
 * timeout. Pipelined commands still end at the command timeout.
 */
export class FailFastRedis extends Redis {
  private breaker: RedisBreaker | undefined;

  /** A redis:// or rediss:// URL with options, or options alone (Sentinel). */
  constructor(url: string | undefined, options: ServerOptions, breaker: RedisBreaker) {
    if (url) super(url, options);
    else super(options);
    this.breaker = breaker;
  }

  override sendCommand(command: Command, stream?: Stream): unknown {
    const send = () => super.sendCommand(command, stream);
    // ioredis sends its own commands from inside super(), before the breaker is set.
    if (!this.breaker) return send();
    return sendFailingFast(this.status, this.breaker, command, stream, send);
  }
}

type ClusterNodeArg = Parameters<Cluster['sendCommand']>[2];

/**
 * The same for a Redis Cluster. A Cluster holds commands in its own offline queue while no
 * node answers, where the nodes' commandTimeout does not reach them, so the timeout is set here,
 * on the command, before the Cluster routes (or queues) it.
 */
export class FailFastCluster extends Cluster {
  private breaker: RedisBreaker | undefined;
  private readonly commandTimeout: number;

  constructor(
    nodes: { host: string; port: number }[],
    options: ClusterConnectionOptions,
    commandTimeout: number,
    breaker: RedisBreaker,
  ) {
    super(nodes, options);
    this.commandTimeout = commandTimeout;
    this.breaker = breaker;
  }

  override sendCommand(command: Command, stream?: Stream, node?: ClusterNodeArg): unknown {
    const send = () => {
      if (!stream && this.commandTimeout) command.setTimeout(this.commandTimeout);
      return super.sendCommand(command, stream, node);
    };
    if (!this.breaker) return send();
    return sendFailingFast(this.status, this.breaker, command, stream, send);
  }
}

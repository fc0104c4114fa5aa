/**
 * After Redis failed to answer, skip it for a while: each job add would otherwise wait the full
 * command timeout, and a request that adds several jobs would take several timeouts.
 */
export interface RedisBreaker {
  isOpen(now?: number): boolean;
  trip(now?: number): void;
}

export function createRedisBreaker(openForMs: number): RedisBreaker {
  let openUntil = 0;
  return {
    isOpen: (now = Date.now()) => now < openUntil,
    trip: (now = Date.now()) => {
      openUntil = now + openForMs;
    },
  };
}

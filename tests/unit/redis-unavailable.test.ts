import { createRedisBreaker } from '../../src/shared/redis-breaker';
import { isRedisUnavailable, RedisUnavailableError } from '../../src/shared/redis-unavailable';

describe('which errors mean Redis did not answer', () => {
  it.each([
    ['a command timeout', new Error('Command timed out')],
    [
      'the retries running out while reconnecting',
      new Error('Reached the max retries per request limit (which is 1). Refer to …'),
    ],
    ['a closed connection', new Error('Connection is closed.')],
    ['the breaker', new RedisUnavailableError()],
  ])('when the error is %s, then it is an outage', (_label, err) => {
    expect(isRedisUnavailable(err)).toBe(true);
  });

  it.each([
    ['a script error', new Error('ERR Error running script')],
    [
      'a wrong type',
      new Error('WRONGTYPE Operation against a key holding the wrong kind of value'),
    ],
    ['not an error', 'Command timed out'],
  ])('when the error is %s, then it is not an outage', (_label, err) => {
    expect(isRedisUnavailable(err)).toBe(false);
  });
});

describe('the Redis breaker', () => {
  it('when it trips, then it stays open for its period and closes after', () => {
    const breaker = createRedisBreaker(5000);
    expect(breaker.isOpen(1000)).toBe(false);
    breaker.trip(1000);
    expect(breaker.isOpen(1000)).toBe(true);
    expect(breaker.isOpen(5999)).toBe(true);
    expect(breaker.isOpen(6000)).toBe(false);
  });
});

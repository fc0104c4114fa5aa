import { loadConfig } from '../../config';
import { createMetrics } from '../../src/metrics';
import { bearerMatches } from '../../src/metrics/metrics.routes';
import { queueDepthReader, type CountableQueue } from '../../src/metrics/queue-depth';

/** A queue whose counts come from `answer` (Redis answering, failing, or never answering). */
function queue(name: string, answer: () => Promise<Record<string, number>>) {
  const q = { name, reads: 0 };
  return Object.assign(q, {
    getJobCounts: () => {
      q.reads += 1;
      return answer();
    },
  }) satisfies CountableQueue & { reads: number };
}
const counts = { waiting: 3, active: 1, delayed: 2, failed: 0, completed: 9 };

describe('queue depth reader', () => {
  it('when read twice within cacheMs, then Redis is asked once; after it, again', async () => {
    let now = 1000;
    const q = queue('dispatch-sms', () => Promise.resolve(counts));
    const read = queueDepthReader([q], { cacheMs: 5000, now: () => now });
    expect(await read()).toEqual({
      'dispatch-sms': { waiting: 3, active: 1, delayed: 2, failed: 0 },
    });
    now += 4999;
    await read();
    expect(q.reads).toBe(1);
    now += 1;
    await read();
    expect(q.reads).toBe(2);
  });

  it('when scrapes overlap, then they share one read', async () => {
    const q = queue('responses', () => Promise.resolve(counts));
    const read = queueDepthReader([q], { cacheMs: 0 });
    await Promise.all([read(), read(), read()]);
    expect(q.reads).toBe(1);
  });

  it('when one queue fails or never answers, then the read is null instead of an error or a hang', async () => {
    const failing = queueDepthReader([
      queue('a', () => Promise.resolve(counts)),
      queue('b', () => Promise.reject(new Error('Connection is closed.'))),
    ]);
    expect(await failing()).toBeNull();
    const stuck = queueDepthReader([queue('c', () => new Promise(() => undefined))], {
      timeoutMs: 20,
    });
    expect(await stuck()).toBeNull();
  });

  it('when a state is missing from the answer, then it counts 0', async () => {
    const read = queueDepthReader([queue('digest', () => Promise.resolve({ waiting: 1 }))]);
    expect(await read()).toEqual({ digest: { waiting: 1, active: 0, delayed: 0, failed: 0 } });
  });
});

describe('bearerMatches', () => {
  const token = 'a-metrics-token-0123456789';
  it.each([
    [`Bearer ${token}`, true],
    [`bearer ${token}`, true],
    [`Bearer  ${token} `, true],
    [undefined, false],
    ['', false],
    [token, false],
    [`Basic ${token}`, false],
    [`Bearer ${token}x`, false],
    [`Bearer ${token.slice(0, -1)}`, false],
    ['Bearer ', false],
    [`Bearer ${token} extra`, false],
  ])('%p → %p', (header, expected) => {
    expect(bearerMatches(header, token)).toBe(expected);
  });
});

describe('registries', () => {
  it('when two containers count, then each registry shows only its own', async () => {
    const one = createMetrics();
    const two = createMetrics();
    one.counters.invitation('sms', 'sent');
    expect(await one.registry.metrics()).toContain(
      'retour_invitations_total{channel="sms",status="sent"} 1',
    );
    expect(await two.registry.metrics()).not.toContain('retour_invitations_total{');
  });
});

describe('metrics configuration', () => {
  it('when nothing is set, then no token, no port, and the port would bind to loopback', () => {
    const config = loadConfig({});
    expect(config.METRICS_TOKEN).toBeUndefined();
    expect(config.METRICS_PORT).toBeUndefined();
    expect(config.METRICS_HOST).toBe('127.0.0.1');
  });

  it.each([
    ['METRICS_TOKEN', 'short'],
    ['METRICS_PORT', 'nine'],
    ['METRICS_PORT', '70000'],
  ])('when %s=%p, then the start is refused naming it', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(`${key}:`));
  });

  it('when set, then they are read', () => {
    const config = loadConfig({
      METRICS_TOKEN: 'a-metrics-token-0123456789',
      METRICS_PORT: '9464',
      METRICS_HOST: '10.0.0.5',
    });
    expect(config).toMatchObject({
      METRICS_TOKEN: 'a-metrics-token-0123456789',
      METRICS_PORT: 9464,
      METRICS_HOST: '10.0.0.5',
    });
  });
});

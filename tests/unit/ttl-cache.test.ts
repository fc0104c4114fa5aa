import { ttlCache } from '../../src/shared/ttl-cache';

describe('ttlCache', () => {
  it('when a key is read twice within the TTL, then it is loaded once; after the TTL, again', async () => {
    let loads = 0;
    const cache = ttlCache<number>(30);
    const load = async () => ++loads;
    expect(await cache('a', load)).toBe(1);
    expect(await cache('a', load)).toBe(1);
    await new Promise((r) => setTimeout(r, 40));
    expect(await cache('a', load)).toBe(2);
  });

  it('when a load fails, then the failure is not kept', async () => {
    const cache = ttlCache<number>(10_000);
    await expect(cache('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache('k', async () => 7)).toBe(7);
  });
});

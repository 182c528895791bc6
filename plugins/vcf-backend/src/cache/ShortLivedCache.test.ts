import { ShortLivedCache } from './ShortLivedCache';

describe('ShortLivedCache', () => {
  function setup() {
    let now = 1_000;
    let reads = 0;
    let fail = false;
    const cache = new ShortLivedCache(
      async () => {
        reads++;
        if (fail) throw new Error('read failed');
        return `value-${reads}`;
      },
      { ttlMs: 2000, now: () => now },
    );
    return {
      cache,
      reads: () => reads,
      advance: (ms: number) => {
        now += ms;
      },
      failNext: (value: boolean) => {
        fail = value;
      },
    };
  }

  it('reads once for concurrent callers and reuses the value until the TTL passes', async () => {
    const { cache, reads, advance } = setup();
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual([
      'value-1',
      'value-1',
      'value-1',
    ]);
    expect(reads()).toBe(1);
    advance(1999);
    expect(await cache.get()).toBe('value-1');
    advance(1);
    expect(await cache.get()).toBe('value-2');
    expect(reads()).toBe(2);
  });

  it('reads again after invalidate', async () => {
    const { cache, reads } = setup();
    expect(await cache.get()).toBe('value-1');
    cache.invalidate();
    expect(await cache.get()).toBe('value-2');
    expect(reads()).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const { cache, failNext } = setup();
    failNext(true);
    await expect(cache.get()).rejects.toThrow('read failed');
    failNext(false);
    expect(await cache.get()).toBe('value-2');
  });
});

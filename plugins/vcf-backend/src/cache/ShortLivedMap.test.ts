import { ShortLivedMap } from './ShortLivedMap';

describe('ShortLivedMap', () => {
  function setup() {
    let now = 1_000;
    const map = new ShortLivedMap<string>({ ttlMs: 2000, now: () => now });
    return {
      map,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('keeps each value for the TTL after it was set', async () => {
    const { map, advance } = setup();
    let loads = 0;
    const load = async () => `value-${++loads}`;
    expect(await map.getOrLoad('a', load)).toBe('value-1');
    expect(await map.getOrLoad('b', load)).toBe('value-2');
    advance(1999);
    expect(await map.getOrLoad('a', load)).toBe('value-1');
    advance(1);
    expect(map.get('a')).toBeUndefined();
    expect(await map.getOrLoad('a', load)).toBe('value-3');
  });

  it('shares a value in flight and drops one that rejects', async () => {
    const { map } = setup();
    let loads = 0;
    const failing = async () => {
      loads++;
      throw new Error('read failed');
    };
    const first = map.getOrLoad('a', failing);
    const second = map.getOrLoad('a', failing);
    await expect(first).rejects.toThrow('read failed');
    await expect(second).rejects.toThrow('read failed');
    expect(loads).toBe(1);
    expect(map.get('a')).toBeUndefined();
    expect(await map.getOrLoad('a', async () => 'ok')).toBe('ok');
  });

  it('forgets everything on clear', async () => {
    const { map } = setup();
    await map.set('a', Promise.resolve('x'));
    map.clear();
    expect(map.get('a')).toBeUndefined();
  });
});

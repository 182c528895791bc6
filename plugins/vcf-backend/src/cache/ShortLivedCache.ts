import { ShortLivedMap } from './ShortLivedMap';

/**
 * A value that is read at most once per `ttlMs`, for reads that many requests repeat and that may be a little
 * stale. Callers that arrive while a read is in flight share it, so a burst of requests costs one read. Each
 * backend replica keeps its own copy: a change made through another replica shows within the TTL, a change made
 * through this one calls {@link ShortLivedCache.invalidate} and shows at once. A failed read is not kept.
 * (A {@link ShortLivedMap} of one entry: the expiry rules are that class's.)
 * @internal
 */
export class ShortLivedCache<T> {
  private readonly value: ShortLivedMap<T>;

  constructor(
    private readonly load: () => Promise<T>,
    options: { ttlMs: number; now?: () => number },
  ) {
    this.value = new ShortLivedMap(options);
  }

  get(): Promise<T> {
    return this.value.getOrLoad('', this.load);
  }

  /** Forgets the value; the next {@link ShortLivedCache.get} reads again (a read in flight is not reused). */
  invalidate(): void {
    this.value.clear();
  }
}

/**
 * A value that is read at most once per `ttlMs`, for reads that many requests repeat and that may be a little
 * stale. Callers that arrive while a read is in flight share it, so a burst of requests costs one read. Each
 * backend replica keeps its own copy: a change made through another replica shows within the TTL, a change made
 * through this one calls {@link ShortLivedCache.invalidate} and shows at once. A failed read is not kept.
 * @internal
 */
export class ShortLivedCache<T> {
  private entry?: { value: Promise<T>; expiresAt: number };

  constructor(
    private readonly load: () => Promise<T>,
    private readonly options: { ttlMs: number; now?: () => number },
  ) {}

  get(): Promise<T> {
    const now = (this.options.now ?? Date.now)();
    if (this.entry && this.entry.expiresAt > now) return this.entry.value;
    const entry = { value: this.load(), expiresAt: now + this.options.ttlMs };
    this.entry = entry;
    entry.value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return entry.value;
  }

  /** Forgets the value; the next {@link ShortLivedCache.get} reads again (a read in flight is not reused). */
  invalidate(): void {
    this.entry = undefined;
  }
}

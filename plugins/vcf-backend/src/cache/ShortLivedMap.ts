/**
 * Values by key, each kept for `ttlMs` after it was set: the keyed sibling of `ShortLivedCache`, for answers that
 * many requests repeat with different arguments (a count per filter, a decision per user). Values are promises, so
 * callers arriving while one is being read share it; a promise that rejects is dropped. Expired entries are
 * dropped as new ones are set, so the map only holds what was asked for in the last moments.
 * @internal
 */
export class ShortLivedMap<V> {
  private readonly entries = new Map<
    string,
    { value: Promise<V>; expiresAt: number }
  >();
  private lastSweep: number;
  private readonly now: () => number;

  constructor(private readonly options: { ttlMs: number; now?: () => number }) {
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** The value set for `key` less than `ttlMs` ago, if any. */
  get(key: string): Promise<V> | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > this.now() ? entry.value : undefined;
  }

  /** Keeps `value` for `key` (unless it rejects) and returns it. */
  set(key: string, value: Promise<V>): Promise<V> {
    const now = this.now();
    this.sweep(now);
    const entry = { value, expiresAt: now + this.options.ttlMs };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** The value for `key`, read with `load` unless one was set less than `ttlMs` ago. */
  getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    return this.get(key) ?? this.set(key, load());
  }

  /** Forgets every value. */
  clear(): void {
    this.entries.clear();
  }

  private sweep(now: number) {
    if (now - this.lastSweep < this.options.ttlMs) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}

/**
 * Answers remembered for a short time per database and key, for reads every request repeats and that change rarely
 * (an account's reach, the working-day calendar). `forget()` makes every remembered answer stale at once (a write in
 * this process); other processes see a change when the time runs out. A failed load is not remembered.
 */
export class ShortCache<T> {
  private readonly byDatabase = new WeakMap<object, Map<string, { until: number; generation: number; value: Promise<T> }>>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys = 1000,
  ) {}

  get(database: object, key: string, load: () => Promise<T>): Promise<T> {
    let cache = this.byDatabase.get(database);
    if (!cache) {
      cache = new Map();
      this.byDatabase.set(database, cache);
    }
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now && hit.generation === this.generation) return hit.value;
    if (cache.size >= this.maxKeys) cache.clear();
    const entry = { until: now + this.ttlMs, generation: this.generation, value: load() };
    cache.set(key, entry);
    const owner = cache;
    entry.value.catch(() => {
      if (owner.get(key) === entry) owner.delete(key);
    });
    return entry.value;
  }

  forget(): void {
    this.generation += 1;
  }
}

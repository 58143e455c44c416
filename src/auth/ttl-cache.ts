// A small in-process cache with a time to live and a size bound, for facts every request would
// otherwise read from Postgres (who a token's user is, which key a credential is). Staleness is
// bounded by the TTL; the process that changes a fact deletes its entry at once.
export class TtlCache<K, V> {
  private readonly map = new Map<K, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const hit = this.map.get(key);
    const now = this.now();
    if (hit && hit.until > now) return hit.value;
    const value = await load();
    // Oldest entries go first: Map keeps insertion order.
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, { value, until: now + this.ttlMs });
    return value;
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

// A map of small results (a word's breaks, a label's width) that lives for the
// process and is kept in the cache as one entry: read once, before its first
// use with a cache, and written back only when it has grown.
import type { Cache } from './cache.ts';

export class KeptMap<V> {
  readonly values = new Map<string, V>();
  /** Its size when last read from or written to the cache; -1 until read. */
  private stored = -1;

  constructor(
    private readonly namespace: string,
    private readonly isValue: (v: unknown) => v is V,
  ) {}

  /** Adds what the cache holds under `key`, once a process. */
  recall(cache: Cache | undefined, key: string): void {
    if (!cache || this.stored >= 0) return;
    const kept = cache.read<Record<string, unknown>>(this.namespace, key);
    if (kept && typeof kept === 'object') {
      for (const [k, v] of Object.entries(kept)) if (this.isValue(v) && !this.values.has(k)) this.values.set(k, v);
    }
    this.stored = this.values.size;
  }

  /** Writes the map back under `key` if it has grown since it was read. */
  keep(cache: Cache | undefined, key: string): void {
    if (!cache || this.stored < 0 || this.values.size === this.stored) return;
    cache.write(this.namespace, key, Object.fromEntries(this.values));
    this.stored = this.values.size;
  }
}

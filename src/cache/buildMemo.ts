// Results kept from one build to the next in a process (`brief watch`): what a
// build computed or reused is kept for the next one, the rest forgotten, so at
// most two builds' results are held however long the session.
import type { Cache } from './cache.ts';

export class BuildMemo<V> {
  private kept = new Map<string, V>();
  private used = new Map<string, V>();

  /** The result for `key`: this build's, the last build's, or computed now. */
  get(key: string, compute: () => V): V {
    if (this.used.has(key)) return this.used.get(key)!;
    const value = this.kept.has(key) ? this.kept.get(key)! : compute();
    this.used.set(key, value);
    return value;
  }

  /** Ends a build: what it used is kept for the next one. */
  endBuild(): void {
    this.kept = this.used;
    this.used = new Map();
  }
}

/**
 * A result from this process's last build (when it keeps them: `keeping`),
 * else from the disk cache (checked by `isValue`), else computed now and stored
 * (unless computing throws).
 */
export function recall<V>(
  memo: BuildMemo<V>, keeping: boolean, cache: Cache | undefined,
  namespace: string, key: string, isValue: (v: unknown) => v is V, compute: () => V,
): V {
  const fromCache = () => {
    const stored = cache?.read<unknown>(namespace, key);
    if (isValue(stored)) return stored;
    const value = compute();
    cache?.write(namespace, key, value);
    return value;
  };
  return keeping ? memo.get(key, fromCache) : fromCache();
}

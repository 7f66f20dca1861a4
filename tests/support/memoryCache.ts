// A Cache held in memory that counts what it was asked: for tests of what a
// stage reads from and writes to out/.cache.
import type { Cache } from '../../src/cache/cache.ts';

export interface CountingCache extends Cache {
  entries: Map<string, unknown>;
  hits: string[];
  misses: string[];
  writes: string[];
}

export function memoryCache(): CountingCache {
  const entries = new Map<string, unknown>();
  const id = (namespace: string, key: unknown) => `${namespace} ${JSON.stringify(key)}`;
  const cache: CountingCache = {
    entries, hits: [], misses: [], writes: [],
    read<T>(namespace: string, key: unknown) {
      const k = id(namespace, key);
      (entries.has(k) ? cache.hits : cache.misses).push(namespace);
      // A copy, as from disk: nobody can change a stored entry through it.
      return entries.has(k) ? (JSON.parse(JSON.stringify(entries.get(k))) as T) : undefined;
    },
    write(namespace: string, key: unknown, value: unknown) {
      cache.writes.push(namespace);
      entries.set(id(namespace, key), JSON.parse(JSON.stringify(value)));
    },
    async get<T>(namespace: string, key: unknown, compute: () => Promise<T>) {
      const hit = cache.read<T>(namespace, key);
      if (hit !== undefined) return hit;
      const value = await compute();
      cache.write(namespace, key, value);
      return value;
    },
  };
  return cache;
}

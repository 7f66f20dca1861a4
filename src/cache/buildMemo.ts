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

  /** The result for `key` this build or the last one had, if any (then this build has it too). */
  find(key: string): V | undefined {
    const value = this.used.get(key) ?? this.kept.get(key);
    if (value !== undefined) this.used.set(key, value);
    return value;
  }

  /** Gives this build a result for `key`. */
  set(key: string, value: V): void {
    this.used.set(key, value);
  }

  /** Ends a build: what it used is kept for the next one. */
  endBuild(): void {
    this.kept = this.used;
    this.used = new Map();
  }
}

/**
 * One kind of result a render keeps: from this process's last build when the
 * process builds again (`rebuilds`: brief watch), else from the disk cache
 * (checked by `isValue`), else computed now and stored (unless computing throws).
 */
export class KeptResults<V> {
  private readonly memo = new BuildMemo<V>();
  private cache: Cache | undefined;
  private keeping = false;

  constructor(private readonly namespace: string, private readonly isValue: (v: unknown) => v is V) {}

  /** Before a document renders (its cache, if any; whether the process builds again), and after it with undefined. */
  use(cache: Cache | undefined, rebuilds = false): void {
    this.cache = cache;
    this.keeping = rebuilds;
  }

  /** Whether anything is kept: else a caller may as well compute. */
  get active(): boolean {
    return this.keeping || this.cache !== undefined;
  }

  /** Ends a build: what it used is kept for the next. */
  endBuild(): void {
    this.memo.endBuild();
  }

  /**
   * A result found (this process's last build, else the disk), for a caller
   * that may find it no longer fits and make another: see `keep`.
   */
  find(key: string): V | undefined {
    const kept = this.keeping ? this.memo.find(key) : undefined;
    if (kept !== undefined) return kept;
    const stored = this.cache?.read<unknown>(this.namespace, key);
    return this.isValue(stored) ? stored : undefined;
  }

  /** Keeps a result for `key`: for the next build of the process and, if it is new (`store`), on disk. */
  keep(key: string, value: V, store: boolean): void {
    if (this.keeping) this.memo.set(key, value);
    if (store) this.cache?.write(this.namespace, key, value);
  }

  get(key: string, compute: () => V): V {
    const fromCache = () => {
      const stored = this.cache?.read<unknown>(this.namespace, key);
      if (this.isValue(stored)) return stored;
      const value = compute();
      this.cache?.write(this.namespace, key, value);
      return value;
    };
    return this.keeping ? this.memo.get(key, fromCache) : fromCache();
  }
}

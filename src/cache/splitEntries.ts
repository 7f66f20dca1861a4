// Many small results of one kind kept on disk under one digest, as two cache
// entries: a main one with all a build used, and a small one with those used
// since the main one was written. A build that adds a few rewrites the small
// one; the main one is rewritten (with only what that build used) once the
// small one holds more than `limit`, so neither grows past one build's worth.
import type { Cache } from './cache.ts';

type Entries = Record<string, unknown>;

export class SplitEntries<V> {
  /** What each cache holds per digest, as this process read or last wrote it: by its place (each build of brief watch has a Cache of its own over out/.cache). */
  private readonly views = new Map<Cache | string, Map<string, { main: Entries; added: Entries }>>();
  /** Values checked once: a build reads hundreds. */
  private readonly checked = new WeakSet<object>();
  private build: { cache: Cache; digest: string; used: Map<string, V>; fresh: boolean } | undefined;

  constructor(private readonly namespace: string, private readonly isValue: (v: unknown) => v is V, private readonly limit: number) {}

  /** Before a build: its cache (none: nothing read or kept) and the digest its entries are under. */
  begin(cache: Cache | undefined, digest: string): void {
    this.build = cache ? { cache, digest, used: new Map(), fresh: false } : undefined;
  }

  /** The value kept for `key`, checked (a damaged one is not given). */
  find(key: string): V | undefined {
    if (!this.build) return undefined;
    const view = this.view(this.build);
    for (const entries of [view.added, view.main]) {
      const value = Object.hasOwn(entries, key) ? entries[key] : undefined;
      if (value && typeof value === 'object' && this.checked.has(value)) return value as V;
      if (this.isValue(value)) {
        if (value && typeof value === 'object') this.checked.add(value);
        return value;
      }
    }
    return undefined;
  }

  /** A value the build used: `fresh` if made now (then the build writes its entries). */
  use(key: string, value: V, fresh: boolean): void {
    if (!this.build) return;
    this.build.used.set(key, value);
    if (fresh) this.build.fresh = true;
  }

  /** After a build: writes what it used, if it made anything new (and `write`: the build did not fail). */
  end(write: boolean): void {
    const build = this.build;
    this.build = undefined;
    if (!build?.fresh || !write) return;
    const { cache, digest, used } = build;
    const view = this.view(build);
    const added = [...used].filter(([key]) => !Object.hasOwn(view.main, key));
    if (!Object.keys(view.main).length || added.length > this.limit) {
      view.main = Object.fromEntries(used);
      view.added = {};
      cache.write(this.namespace, digest, view.main);
      cache.write(`${this.namespace}-added`, digest, view.added);
      return;
    }
    view.added = Object.fromEntries(added);
    cache.write(`${this.namespace}-added`, digest, view.added);
  }

  /** The two entries for the build's digest, read once a process. */
  private view(build: NonNullable<SplitEntries<V>['build']>): { main: Entries; added: Entries } {
    const place = build.cache.place ?? build.cache;
    let views = this.views.get(place);
    if (!views) this.views.set(place, (views = new Map()));
    let view = views.get(build.digest);
    if (!view) {
      const read = (namespace: string): Entries => {
        const value = build.cache.read<unknown>(namespace, build.digest);
        return value && typeof value === 'object' && !Array.isArray(value) ? (value as Entries) : {};
      };
      view = { main: read(this.namespace), added: read(`${this.namespace}-added`) };
      views.set(build.digest, view);
    }
    return view;
  }
}

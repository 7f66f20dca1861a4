// Results kept from one build to the next in a process (`brief watch`): what a
// build computed or reused is kept for the next one, the rest forgotten, so at
// most two builds' results are held however long the session.
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

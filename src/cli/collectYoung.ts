// Between the builds of `brief watch`: V8's young generation emptied while the
// user reads, not in the middle of the next build.
//
// A watch rebuild makes about 60 MB of objects, most of them alive until it
// ends; left to itself, V8 collected the young generation once or twice during
// each build, copying all the build had made so far (30–45 ms a time). Emptied
// just after a build, when little of what it made is alive, the collection
// takes about 15 ms while nobody waits, and the next build fits in the young
// generation's 64 MiB with none: in-process rebuilds took 116–156 ms against
// 145–173 (medians of 20, four alternating pairs of processes).

type Collect = (options?: { type: 'minor' | 'major' }) => void;

/** Empties V8's young generation, if node exposes its collector (bin/brief.js starts watch with --expose-gc). */
export function collectYoung(): void {
  (globalThis as { gc?: Collect }).gc?.({ type: 'minor' });
}

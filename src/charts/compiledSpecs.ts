// Vega-Lite's compiled specs, kept by the spec with its datasets left out: a
// figure edit changes a chart's rows, not its spec, so a fresh process can
// skip vega-lite's compile (about 22 ms of a one-figure edit's build, and the
// loading of vega-lite itself) and put the new rows where the old ones were.
//
// Vega-Lite copies a named dataset's rows into the Vega spec as they are, and
// never reads them while compiling (the scales' domains and the layout come
// from the data at run time, in vega). That is checked for every entry kept:
// the spec is compiled a second time with each dataset replaced by a marker,
// and the entry is kept only if putting the rows back where the markers are
// gives exactly what the compile with the rows gave. A kept spec comes back
// from JSON, which drops the keys vega-lite leaves undefined and makes its
// few class instances plain objects: it is kept only if vega makes the same
// dataflow of it as of the compiled object (`sameRuntime`).
import { noCache, type Cache } from '../cache/cache.ts';

/** The marker that stands for dataset NAME in a kept spec: an array of one object with this one key. */
const HOLE = '__brief_dataset__';

type Datasets = Record<string, unknown[]>;
type Spec = Record<string, unknown> & { datasets?: Datasets };

/**
 * `compile(spec)`, or what an earlier compile of the same spec with other rows
 * gave, with this spec's rows put in. Errors are compile's own (nothing is kept then).
 */
export async function compileKept<T>(
  spec: Spec,
  compile: (spec: Spec) => Promise<T>,
  sameRuntime: (compiled: T, fromJson: T) => boolean,
  cache: Cache | undefined,
): Promise<T> {
  const datasets = spec.datasets ?? {};
  const marked: Spec = { ...spec, datasets: Object.fromEntries(Object.keys(datasets).map((name) => [name, [{ [HOLE]: name }]])) };
  const kept = cache?.read<unknown>('vega-spec', marked);
  if (kept !== undefined) return fill(kept, datasets) as T;
  const compiled = await compile(spec);
  if (cache && cache !== noCache) {
    const withHoles = JSON.parse(JSON.stringify(await compile(marked))) as unknown;
    const json = JSON.stringify(compiled);
    if (JSON.stringify(fill(structuredClone(withHoles), datasets)) === json && sameRuntime(compiled, JSON.parse(json) as T)) {
      cache.write('vega-spec', marked, withHoles);
    }
  }
  return compiled;
}

/** The value with every marker replaced by its dataset's rows (the same array, as vega-lite puts it). */
function fill(value: unknown, datasets: Datasets): unknown {
  if (Array.isArray(value)) {
    const name = markerName(value);
    if (name !== undefined && name in datasets) return datasets[name];
    for (let i = 0; i < value.length; i++) value[i] = fill(value[i], datasets);
    return value;
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = fill(o[k], datasets);
  }
  return value;
}

function markerName(a: unknown[]): string | undefined {
  if (a.length !== 1 || !a[0] || typeof a[0] !== 'object') return undefined;
  const keys = Object.keys(a[0]);
  const name = (a[0] as Record<string, unknown>)[HOLE];
  return keys.length === 1 && typeof name === 'string' ? name : undefined;
}

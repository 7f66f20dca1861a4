// A disk cache for work whose result depends only on its inputs (generated
// notes, chart SVGs): keyed by a hash of the inputs, the versions of the
// libraries that do the work, and the version of this program. A hit returns
// exactly what the work would have returned, so the output never depends on
// the cache; a damaged entry is recomputed.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, futimesSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageVersion } from '../packageRoot.ts';

export interface Cache {
  get<T>(namespace: string, key: unknown, compute: () => Promise<T>): Promise<T>;
  /** A stored value, for work that grows an entry (shaped words); undefined when absent or damaged. */
  read<T>(namespace: string, key: unknown): T | undefined;
  write(namespace: string, key: unknown, value: unknown): void;
  /** Where it keeps its entries (a folder), for what reads an entry once a process: a new Cache over the same place holds the same entries. */
  place?: string;
}

/** No caching: every call computes (tests, and the bench's uncached runs). */
export const noCache: Cache = { get: (_ns, _key, compute) => compute(), read: () => undefined, write: () => {} };

/** `programVersion` changes whenever the program does (the CLI passes its bundle's size and time). */
export function diskCache(dir: string, programVersion: string, packages: string[]): Cache {
  const versions = packages.map((p) => `${p}@${versionOf(p)}`);
  const fileOf = (namespace: string, key: unknown) =>
    join(dir, namespace, `${createHash('sha256').update(JSON.stringify({ programVersion, versions, namespace, key })).digest('hex')}.json`);
  const read = <T>(namespace: string, key: unknown): T | undefined => {
    let fd: number | undefined;
    try {
      fd = openSync(fileOf(namespace, key), 'r');
      const { size, mtimeMs } = fstatSync(fd);
      const value = JSON.parse(readWhole(fd, size).toString('utf8')) as T;
      // Its time says when it was last used: pruneCache keeps the most recently
      // used, to within the ten minutes it is left alone: a build reads about 60
      // entries, and setting each one's time took about 5 ms of a fresh build.
      if (Date.now() - mtimeMs > TOUCH_AFTER_MS) {
        const now = new Date();
        futimesSync(fd, now, now);
      }
      return value;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
  const write = (namespace: string, key: unknown, value: unknown) => {
    const file = fileOf(namespace, key);
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  };
  return { get: readThrough(read, write), read, write, place: `${dir} ${programVersion}` };
}

/** How long after a pruning the next build leaves the cache as it is. */
const PRUNE_EVERY_MS = 10 * 60_000;

/** How old an entry's time may be before a read sets it again (pruning ranks entries by it). */
const TOUCH_AFTER_MS = 10 * 60_000;

/** The file's bytes, from an open descriptor whose size is known. */
function readWhole(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    const n = readSync(fd, bytes, at, size - at, at);
    if (n === 0) break; // shorter than it was: JSON.parse refuses what was read
    at += n;
  }
  return at === size ? bytes : bytes.subarray(0, at);
}

/** A cache's `get` from its `read` and `write`: what is stored, else computed and stored. */
function readThrough(read: Cache['read'], write: Cache['write']): Cache['get'] {
  return async <T>(namespace: string, key: unknown, compute: () => Promise<T>): Promise<T> => {
    const hit = read<T>(namespace, key);
    if (hit !== undefined) return hit;
    const value = await compute();
    write(namespace, key, value);
    return value;
  };
}

/**
 * A cache whose writes wait for `flush`, which the command calls once the brief
 * is written: what a build keeps (shaped words, measured paragraphs, parsed
 * texts: about 14 ms of a watch rebuild) no longer delays it. Until then, a
 * read of a key written meanwhile gets what was written (a copy, as from disk);
 * the last write of a key wins. Values are written as they are at `flush`:
 * call it before the process builds again (what a build writes, it no longer
 * changes).
 */
export function deferWrites(cache: Cache): Cache & { flush(): void } {
  // By namespace, then key: a read in a namespace nothing was written to does
  // not print its key (a chart's SVG, a file's text) to look for it.
  const queued = new Map<string, Map<string, { key: unknown; value: unknown }>>();
  const read = <T>(namespace: string, key: unknown): T | undefined => {
    const waiting = queued.get(namespace)?.get(JSON.stringify(key));
    return waiting ? (JSON.parse(JSON.stringify(waiting.value)) as T) : cache.read<T>(namespace, key);
  };
  const write = (namespace: string, key: unknown, value: unknown) => {
    let keys = queued.get(namespace);
    if (!keys) queued.set(namespace, (keys = new Map()));
    keys.set(JSON.stringify(key), { key, value });
  };
  return {
    read,
    write,
    get: readThrough(read, write),
    place: cache.place,
    flush() {
      for (const [namespace, keys] of queued) for (const { key, value } of keys.values()) cache.write(namespace, key, value);
      queued.clear();
    },
  };
}

/**
 * Every edit leaves entries behind (a chart drawn for the old value, the old
 * figures.yaml parsed), and a new program version leaves them all: after a
 * build, each kind keeps its `keep` most recently used entries. Files left half
 * written by a build that was killed go once they are an hour old.
 *
 * At most once in ten minutes (the time of `.pruned` in the folder): listing
 * every kind and the times of the fuller ones took about 10 ms of each build,
 * and ten minutes of edits leave a few entries more, not hundreds.
 */
export function pruneCache(dir: string, keep = 100): void {
  const stamp = join(dir, '.pruned');
  try {
    if (Date.now() - statSync(stamp).mtimeMs < PRUNE_EVERY_MS) return;
  } catch {
    // never pruned, or no cache yet
  }
  let namespaces: string[];
  try {
    namespaces = readdirSync(dir);
  } catch {
    return; // no cache yet
  }
  try {
    writeFileSync(stamp, '');
  } catch {
    // a read-only cache: pruned each time, as before
  }
  const hourAgo = Date.now() - 3600_000;
  for (const namespace of namespaces) {
    const folder = join(dir, namespace);
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue; // not a folder
    }
    const stale = names.filter((n) => n.endsWith('.tmp') && statSync(join(folder, n)).mtimeMs < hourAgo);
    const entries = names.filter((n) => n.endsWith('.json'));
    if (entries.length > keep) {
      const byUse = entries.map((n) => ({ n, t: statSync(join(folder, n)).mtimeMs })).sort((a, b) => b.t - a.t || a.n.localeCompare(b.n));
      stale.push(...byUse.slice(keep).map((e) => e.n));
    }
    for (const n of stale) rmSync(join(folder, n), { force: true });
  }
}

/** The libraries whose output is cached. */
export const CACHED_PACKAGES = [
  'yaml', 'handlebars', 'hyphen',
  'citeproc', '@citation/csl-style-chicago-fullnote-bibliography', '@citation-js/plugin-csl',
  'vega', 'vega-lite', 'vega-interpreter', 'ajv', 'fontkit', 'pdfkit', 'world-atlas', 'subset-font',
  '@expo-google-fonts/source-sans-3', '@expo-google-fonts/source-serif-4',
];

function versionOf(name: string): string {
  try {
    return packageVersion(name);
  } catch {
    return 'unknown';
  }
}

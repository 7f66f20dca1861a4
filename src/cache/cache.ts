// A disk cache for work whose result depends only on its inputs (generated
// notes, chart SVGs): keyed by a hash of the inputs, the versions of the
// libraries that do the work, and the version of this program. A hit returns
// exactly what the work would have returned, so the output never depends on
// the cache; a damaged entry is recomputed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageVersion } from '../packageRoot.ts';

export interface Cache {
  get<T>(namespace: string, key: unknown, compute: () => Promise<T>): Promise<T>;
  /** A stored value, for work that grows an entry (shaped words); undefined when absent or damaged. */
  read<T>(namespace: string, key: unknown): T | undefined;
  write(namespace: string, key: unknown, value: unknown): void;
}

/** No caching: every call computes (tests, and the bench's uncached runs). */
export const noCache: Cache = { get: (_ns, _key, compute) => compute(), read: () => undefined, write: () => {} };

/** `programVersion` changes whenever the program does (the CLI passes its bundle's size and time). */
export function diskCache(dir: string, programVersion: string, packages: string[]): Cache {
  const versions = packages.map((p) => `${p}@${versionOf(p)}`);
  const fileOf = (namespace: string, key: unknown) =>
    join(dir, namespace, `${createHash('sha256').update(JSON.stringify({ programVersion, versions, namespace, key })).digest('hex')}.json`);
  const read = <T>(namespace: string, key: unknown): T | undefined => {
    try {
      return JSON.parse(readFileSync(fileOf(namespace, key), 'utf8')) as T;
    } catch {
      return undefined;
    }
  };
  const write = (namespace: string, key: unknown, value: unknown) => {
    const file = fileOf(namespace, key);
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  };
  return {
    async get<T>(namespace: string, key: unknown, compute: () => Promise<T>): Promise<T> {
      const hit = read<T>(namespace, key);
      if (hit !== undefined) return hit;
      const value = await compute();
      write(namespace, key, value);
      return value;
    },
    read,
    write,
  };
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

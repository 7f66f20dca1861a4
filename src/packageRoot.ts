// Where packages live: this program's own folder (the one that holds its
// package.json, whether it runs from src/ or from the bundle in dist/) and a
// dependency's folder.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export function packageRoot(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${fileURLToPath(moduleUrl)}`);
    dir = up;
  }
  return dir;
}

/**
 * A dependency's folder. From its package.json where the package exports it,
 * else up from its entry point: some (vega, vega-lite) hide package.json
 * behind an exports map, and some (world-atlas) have no entry point.
 */
export function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    // not exported: walk up from the entry point instead
  }
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`package ${name} not found`);
    dir = up;
  }
  return dir;
}

/**
 * Set by bin/bundle.mjs in the bundle: every installed package's version, read
 * from node_modules/.package-lock.json as it bundles (an install makes the
 * bundle again, so they agree). Finding each package.json instead took 10–16 ms
 * of every fresh build, most of it in resolving packages whose exports hide it.
 */
declare const BRIEF_PACKAGE_VERSIONS: string | undefined;
// (JSON text, not an object: esbuild makes an object a module of its own, and calls it in every other.)
let bundled: Record<string, string> | undefined;

/** A dependency's version, from its package.json. */
export function packageVersion(name: string): string {
  if (typeof BRIEF_PACKAGE_VERSIONS === 'string') bundled ??= JSON.parse(BRIEF_PACKAGE_VERSIONS) as Record<string, string>;
  return bundled?.[name] ?? JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version;
}

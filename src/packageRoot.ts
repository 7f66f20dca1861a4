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

/** A dependency's version, from its package.json. */
export function packageVersion(name: string): string {
  return JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version;
}

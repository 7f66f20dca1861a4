#!/usr/bin/env node
// The `brief` command. It runs src/ bundled into one file by esbuild
// (dist/brief.mjs and its chunks), rebuilt here whenever a source file is
// newer, so a build starts without compiling TypeScript on every run.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'brief.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(root, 'src'))) {
  const { build } = await import('esbuild');
  rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true }); // chunks are named by their hash: drop the old ones
  await build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outdir: join(root, 'dist'),
    entryNames: 'brief',
    outExtension: { '.js': '.mjs' },
    // The up-to-date check runs before the pipeline is loaded: the rest is a chunk imported after it.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external', // dependencies load from node_modules as usual
    logLevel: 'error',
  });
}
await import(pathToFileURL(bundle).href);

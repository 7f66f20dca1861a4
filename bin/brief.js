#!/usr/bin/env node
// The `brief` command. It runs src/ bundled by esbuild (bin/bundle.js: the entry
// dist/brief.mjs and the pipeline's script beside it), rebuilt here whenever a
// source file or the installed packages are newer, so a build starts without
// compiling TypeScript.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'brief.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// The bundle holds the libraries too: an install (npm ci rewrites node_modules/.package-lock.json) makes it stale as well.
const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const inputs = [newestSource(join(root, 'src')), mtime(join(root, 'bin', 'bundle.js')), mtime(join(root, 'node_modules', '.package-lock.json'))];
if (!existsSync(entry) || statSync(entry).mtimeMs < Math.max(...inputs)) {
  const { bundle } = await import('./bundle.js');
  await bundle(root);
}
await import(pathToFileURL(entry).href);

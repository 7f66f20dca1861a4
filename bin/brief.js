#!/bin/sh
':' //; unset NODE_EXTRA_CA_CERTS; export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.top_pad=33554432"; exec node --max-semi-space-size=4 "$0" "$@"
// The `brief` command. Run as a program (npx, a shell), the two lines above are
// a shell script that starts node on this file; to node, they are a string and
// a comment. Any POSIX shell runs them (`env -S` is missing from BusyBox).
// `node bin/brief.js` works too, and pays for what they set:
// - NODE_EXTRA_CA_CERTS unset: node reads that file as it starts, before any
//   script runs, and builds its whole certificate store (30–40 ms of every
//   command where it is set), for a program that never opens a connection.
// - GLIBC_TUNABLES (glibc's malloc; other C libraries ignore it): memory up to
//   32 MiB a block comes from one heap that grows 32 MiB at a time, in huge
//   pages, instead of a fresh mapping per large block (file contents, the
//   script's source, V8's compiler zones). A new page costs the kernel about
//   16 µs here, 4 ms a megabyte; a one-figure edit went 1.17 → 1.03 s and
//   1.22 → 1.10 s, in two sets of 8 alternating runs, for 16 MiB more at its peak.
//   Tunables the user set come first and are kept.
// - --max-semi-space-size=4: V8's young generation grows to 4 MiB a half, not
//   16. Nearly everything a build makes lives to its end, and each scavenge
//   copies it; the smaller space is also fewer new pages. A one-figure edit
//   went 1.06 → 0.94 s and 1.21 → 1.14 s (8 and 10 alternating runs), and its
//   peak 155 → 129 MiB. `brief watch` sets its own (below).
// It runs src/ bundled by esbuild (bin/bundle.mjs: the entry
// dist/brief.cjs and the pipeline's script beside it), rebuilt here whenever a
// source file or the installed packages are newer, so a build starts without
// compiling TypeScript. CommonJS (bin/package.json), like the entry: node starts
// it 10–20 ms sooner than an ES module, which counts when nothing has changed.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'brief.cjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// `brief watch` rebuilds in one long process, where V8's young generation, at
// its default size, had garbage collection take about a third of a rebuild.
// Four times larger, an edit's rebuild is about 13% faster (npm run bench:watch:
// median 0.37 s → 0.32 s), for about 100 MB more memory; and with the collector
// exposed, watch empties it after each build (src/cli/collectYoung.ts). V8 reads
// both only as node starts, so watch starts node again with them.
const WATCH_FLAGS = ['--max-semi-space-size=64', '--expose-gc'];

function start() {
  if (process.argv[2] === 'watch' && !WATCH_FLAGS.every((f) => process.execArgv.includes(f))) {
    const { spawn } = require('node:child_process');
    // The channel closes when this process dies, however it dies: watch then stops too (src/cli/run.ts).
    const child = spawn(process.execPath, [...process.execArgv.filter((f) => !f.startsWith('--max-semi-space-size')), ...WATCH_FLAGS, __filename, ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
    // Ctrl-C in a terminal reaches both processes; a signal sent to this one alone is passed on (watch stops at the first).
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
  } else {
    require(entry);
  }
}

// The bundle holds the libraries too: an install (npm ci rewrites node_modules/.package-lock.json) makes it stale as well.
const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const inputs = [newestSource(join(root, 'src')), mtime(join(root, 'bin', 'bundle.mjs')), mtime(join(root, 'node_modules', '.package-lock.json'))];
if (!existsSync(entry) || statSync(entry).mtimeMs < Math.max(...inputs)) {
  import(pathToFileURL(join(__dirname, 'bundle.mjs')).href)
    .then(({ bundle }) => bundle(root))
    .then(start, (e) => {
      process.stderr.write(`brief: could not bundle src/: ${e instanceof Error ? e.message : e}\n`);
      process.exit(1);
    });
} else {
  start();
}

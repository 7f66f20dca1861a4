// Entry point of the `brief` command: first the up-to-date check (the input
// files' stats, else a hash of every input, before the pipeline is even
// loaded), then the command itself on the real terminal, exiting with its code.
import { resolve } from 'node:path';
import { writeFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './args.ts';
import { inputsKey, inputStats, isUpToDate, keptRecord, keyFile, keyRecord, outputsWritten, projectSize, sameStats, type KeyInputs } from './upToDate.ts';
import { packageRoot } from '../packageRoot.ts';
import { outputFiles } from '../formats.ts';
import { loadPipeline, worthCaching } from './loadPipeline.ts';

const argv = process.argv.slice(2);
let key: string | undefined;
/**
 * An edit build: a brief written before is built again from the same cache
 * (its outputs and input key are there), and it is small. Such a build is
 * about a second of work, done once: V8's optimising compiler (TurboFan)
 * compiled hot functions on the machine's other core for more than it gave
 * back. Without it, a one-figure edit took 0.89 s against 1.00 s, CPU 1.01
 * against 1.38 s (12 alternating runs); a note's edit 1.25–1.34 s against
 * 1.34–1.50 s. A large brief (the 20× one) keeps the compiler, and so does a
 * build that is not a rebuild; a rebuild whose cache is empty (after the
 * program changed) does not, and took 4.85 s against 4.05 s. Its code cache
 * is its own (loadPipeline.ts): one made under other flags is refused.
 */
let editBuild = false;
/** Above this size of data/, templates/ and charts/, a build keeps the optimising compiler (the paper's are 0.1 MB). */
const EDIT_BUILD_MAX_BYTES = 512 * 1024;
try {
  const request = parseArgs(argv);
  if (request.command === 'build' && !request.help && !request.noCache) {
    const inputs: KeyInputs = {
      root: resolve(request.root), argv, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, nodeVersion: process.version,
      programFiles: [fileURLToPath(import.meta.url)], lockFile: resolve(packageRoot(import.meta.url), 'package-lock.json'),
    };
    const out = resolve(request.root, request.out);
    const written = outputFiles(out, request.formats);
    // Taken before the hash: a file written while it is made has newer stats than these.
    const stats = inputStats(inputs);
    const kept = keptRecord(out);
    const upToDate = () => {
      say(`up to date: ${outputFiles(request.out, request.formats).join(', ')} (no input has changed since written)\n`);
      process.exit(0);
    };
    const wasWritten = outputsWritten(written);
    if (wasWritten && sameStats(kept?.stats, stats)) upToDate();
    editBuild = wasWritten && kept !== undefined && projectSize(stats, inputs.root) <= EDIT_BUILD_MAX_BYTES;
    const hash = inputsKey(inputs);
    key = keyRecord(hash, stats);
    if (isUpToDate(out, written, hash)) {
      // A file saved unchanged: its new stats are kept, so the next check need not hash again.
      try {
        writeFileSync(keyFile(out), key);
      } catch {
        // a read-only folder: the next check hashes again
      }
      upToDate();
    }
  }
} catch {
  // A usage error: the command itself reports it.
}

/**
 * Straight to file descriptor 1: `process.stdout` loads Node's streams as it
 * is first touched, 4–5 ms of a check that has nothing else to do.
 */
function say(text: string): void {
  try {
    writeSync(1, text);
  } catch {
    process.stdout.write(text);
  }
}

// A function, not top-level await: the bundled entry is CommonJS (bin/bundle.mjs), which starts faster.
async function runCommand(): Promise<void> {
  // After each full collection V8 lets the heap grow to several times what is
  // live when allocation is fast; a long build allocates fast, so the process
  // swelled far past its needs. Growing by a quarter instead (alternating runs,
  // npm run bench): the 20× brief peaks at about 305 MiB instead of 475–545, as
  // fast; the paper's brief is unchanged (2.25 s, 168 MiB either way). V8 reads
  // this flag at every collection, so setting it at run time takes effect.
  // node:v8 is loaded here, not with this file: it loads Node's streams (6 ms),
  // which a build with nothing changed never needs.
  process.getBuiltinModule('node:v8').setFlagsFromString('--heap-growing-percent=25');
  if (editBuild) process.getBuiltinModule('node:v8').setFlagsFromString('--no-opt');
  const { run, saveCodeCache } = await loadPipeline(import.meta.url, editBuild ? 'edit' : undefined);
  process.exitCode = await run(argv, {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    progress: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[K${text}`) : undefined,
    compiled: saveCodeCache,
  }, key);
  if (worthCaching(argv, process.exitCode)) saveCodeCache();
  if (argv[0] !== 'watch') exitWhenWritten(process.exitCode);
}

/**
 * Ends a one-shot command as soon as its output is out. Left to end by
 * itself, node first waits for V8's background work (a concurrent marking,
 * compile jobs) and takes the heap down: 40–50 ms after a build had written
 * everything. Output still queued for a pipe is let out first.
 */
function exitWhenWritten(code: number | string | undefined): void {
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  if (!pending.length) process.exit(code);
  let left = pending.length;
  for (const s of pending) s.once('drain', () => --left || process.exit(code));
}

void runCommand();

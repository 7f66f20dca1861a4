// Loads the pipeline (run.ts). From src/ it is a plain import. From the bundle it
// is one script (bin/bundle.mjs) compiled with V8's code cache, kept beside it, so a
// fresh process does not parse and compile four megabytes of JavaScript again.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Script as VmScript } from 'node:vm';

// Loaded as the pipeline loads, not with the entry: node:v8, node:zlib and
// node:crypto load Node's streams, about 10 ms that the up-to-date check
// (main.ts) does without when no input has changed.
const builtin = {
  get crypto() { return process.getBuiltinModule('node:crypto'); },
  get v8() { return process.getBuiltinModule('node:v8'); },
  get vm() { return process.getBuiltinModule('node:vm'); },
  get zlib() { return process.getBuiltinModule('node:zlib'); },
};

type Pipeline = typeof import('./run.ts');

/** Set by bin/bundle.mjs in the bundled entry: the pipeline script's file name, its content hash in it. */
declare const BRIEF_PIPELINE_BUNDLE: string | undefined;

export interface LoadedPipeline extends Pipeline {
  /** Keeps the code compiled so far for the next process, unless it came from the cache. Call when the command is done. */
  saveCodeCache(): void;
}

/**
 * Whether a run's compiled code is worth keeping: it is what the run compiled,
 * so only a whole build's (a build that stopped at an error, a check or --help
 * compiled a fraction of what the next builds run, and its cache would stay,
 * named by the script, until the program changes).
 */
export function worthCaching(argv: string[], exitCode: number): boolean {
  return exitCode === 0 && argv[0] === 'build' && !argv.includes('--help') && !argv.includes('-h');
}

/**
 * `kind` names a cache of its own for runs of one kind: 'edit', a small brief
 * built again from the same cache (main.ts), run without V8's optimising
 * compiler, whose flags V8 checks a cache against. And V8 reads all of a
 * cache at every start, and a cache holds the code of the run that made it:
 * one made by a first build (every chart drawn and its spec compiled, every
 * template and section parsed) held 4.05 MB, one made by an edit build
 * 3.30 MB, and a one-figure edit took 0.93 s with the second against 0.98 s
 * with the first (ten alternating runs). A cache cannot be made leaner later:
 * a run that read one keeps all of it.
 */
export async function loadPipeline(entryUrl: string, kind?: 'edit'): Promise<LoadedPipeline> {
  if (typeof BRIEF_PIPELINE_BUNDLE !== 'string') return { ...(await import('./run.ts')), saveCodeCache: () => {} };
  const file = join(dirname(fileURLToPath(entryUrl)), BRIEF_PIPELINE_BUNDLE);
  // Named by the script's hash, and by node's flags if any: V8 rejects a cache
  // made under other flags, and `brief watch` runs with its own
  // (bin/brief.js); one file for both would be made again at every turn.
  const flags = process.execArgv.length ? `.${builtin.crypto.createHash('sha256').update(process.execArgv.join(' ')).digest('hex').slice(0, 8)}` : '';
  const cacheFile = file.replace(/\.cjs$/, `${flags}${kind ? `.${kind}` : ''}.v8cache`);
  // V8 drops the bytecode of a function unused over a few full collections, and
  // the cache holds only what is compiled when it is made: a first run that also
  // bundled (after an install) kept 3.1 MB of 4.1, and every edit build after it
  // took about 0.2 s longer. Set the same way in every run, so V8's check of the
  // flags a cache was made under still matches.
  builtin.v8.setFlagsFromString('--no-flush-bytecode');
  const cachedData = readCodeCache(cacheFile);
  // latin1: the bundle is pure ASCII (esbuild's charset), and this skips UTF-8 decoding.
  const script: VmScript = new builtin.vm.Script(Module.wrap(readFileSync(file, 'latin1')), { filename: file, cachedData });
  const module = { exports: {} as Pipeline };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  let fresh = !cachedData || script.cachedDataRejected;
  return {
    ...module.exports,
    saveCodeCache() {
      if (!fresh) return;
      fresh = false;
      try {
        // Made after the run, it holds the functions the run compiled, not only the top level.
        // Whole or not at all, even with two builds finishing at once.
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        const data = script.createCachedData();
        writeFileSync(tmp, Buffer.concat([digest(data), data]));
        renameSync(tmp, cacheFile);
      } catch {
        // a read-only install: every run compiles, as without the cache
      }
    },
  };
}

/** The check a cache file starts with: a CRC-32 of the rest, 1 ms for 4 MB (a sha256 took 2.4, 9.6 as the first in a process). */
const CHECK = 4;
const digest = (data: Buffer) => {
  const check = Buffer.alloc(CHECK);
  check.writeUInt32BE(builtin.zlib.crc32(data));
  return check;
};

/**
 * The cache, if whole. V8 checks a cache's version, flags and source length
 * but not its bytes, and runs damaged code (a crash, in a test that scrambles
 * one); so the file starts with a CRC-32 of what follows. It guards against
 * damage, not tampering: whoever can write the file can write the script too.
 */
function readCodeCache(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined; // none yet: this run makes it
  }
  const data = bytes.subarray(CHECK);
  return bytes.length > CHECK && digest(data).equals(bytes.subarray(0, CHECK)) ? data : undefined;
}

// The bundled pipeline and V8's code cache for it (bin/bundle.mjs,
// src/cli/loadPipeline.ts): the script is named by its own hash, so a cache is
// never offered to another script, and a cache V8 refuses is made again
// without changing a byte of the PDF.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { worthCaching } from '../../src/cli/loadPipeline.ts';
import { ROOT, copyProject, edit } from '../support/project.ts';
import { tempDir } from '../support/tempDir.ts';

const dist = join(ROOT, 'dist');
const dir = copyProject();

function brief(...args: string[]): void {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/brief.js'), 'build', '--data', join(dir, 'data'), '--no-cache', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`brief build exited ${run.status}:\n${run.stderr}`);
}

test('the pipeline is one script named by its sha256, with its code cache beside it', () => {
  brief();
  const scripts = readdirSync(dist).filter((f) => /^run-.*\.cjs$/.test(f));
  expect(scripts).toHaveLength(1);
  const hash = createHash('sha256').update(readFileSync(join(dist, scripts[0]))).digest('hex').slice(0, 16);
  expect(scripts[0]).toBe(`run-${hash}.cjs`);
  expect(statSync(join(dist, `run-${hash}.v8cache`)).size).toBeGreaterThan(1_000_000);
  // The entry names that script: the up-to-date key, which hashes the entry, changes with it.
  expect(readFileSync(join(dist, 'brief.cjs'), 'utf8')).toContain(`"run-${hash}.cjs"`);
});

test('a damaged code cache is refused and made again, and the PDF is the same', () => {
  brief('--out', join(dir, 'out', 'first.pdf'));
  // The cache of node without flags (watch's, made under its own flags, is another file).
  const cacheFile = join(dist, readdirSync(dist).find((f) => /^run-[0-9a-f]+\.v8cache$/.test(f))!);
  const good = readFileSync(cacheFile);
  // Same length, V8's header kept, the compiled code behind it scrambled.
  const damaged = Buffer.from(good);
  for (let i = 64; i < damaged.length; i += 7) damaged[i] ^= 0x5a;
  writeFileSync(cacheFile, damaged);
  brief('--out', join(dir, 'out', 'second.pdf'));
  expect(Buffer.compare(readFileSync(join(dir, 'out', 'second.pdf')), readFileSync(join(dir, 'out', 'first.pdf')))).toBe(0);
  expect(Buffer.compare(readFileSync(cacheFile), damaged)).not.toBe(0);
});

test('node started with other flags keeps a cache of its own, which V8 then takes', () => {
  brief('--out', join(dir, 'out', 'plain.pdf'));
  const plain = readdirSync(dist).find((f) => /^run-[0-9a-f]+\.v8cache$/.test(f))!;
  // Flags as bin/brief.js starts watch with, but a size of their own: watch's
  // cache (another file) may be written meanwhile by the watch tests.
  const flags = ['--max-semi-space-size=48'];
  const own = join(dist, plain.replace(/\.v8cache$/, `.${createHash('sha256').update(flags.join(' ')).digest('hex').slice(0, 8)}.v8cache`));
  rmSync(own, { force: true });
  const flagged = (out: string) => {
    const run = spawnSync(process.execPath, [...flags, join(ROOT, 'bin/brief.js'), 'build', '--data', join(dir, 'data'), '--no-cache', '--out', join(dir, 'out', out)], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return readFileSync(own);
  };
  const first = flagged('flags.pdf');
  expect(first.length).toBeGreaterThan(1_000_000);
  // Taken by the next run under the same flags: not made again. (The plain
  // file is not compared: other tests' builds may be writing it meanwhile.)
  expect(Buffer.compare(flagged('flags-again.pdf'), first)).toBe(0);
  expect(Buffer.compare(readFileSync(join(dir, 'out', 'flags.pdf')), readFileSync(join(dir, 'out', 'plain.pdf')))).toBe(0);
});

test('an edit build (a small brief written before, built again) keeps a code cache of its own, made by such a build', () => {
  const project = copyProject();
  // Flags of its own, for cache files no other test writes meanwhile.
  const flags = ['--max-semi-space-size=44'];
  const script = readdirSync(dist).find((f) => /^run-[0-9a-f]+\.cjs$/.test(f))!;
  const named = (kind: string) => join(dist, script.replace(/\.cjs$/, `.${createHash('sha256').update(flags.join(' ')).digest('hex').slice(0, 8)}${kind}.v8cache`));
  const [first, rebuilt] = [named(''), named('.edit')];
  for (const f of [first, rebuilt]) rmSync(f, { force: true });
  const build = (...args: string[]) => {
    const run = spawnSync(process.execPath, [...flags, join(ROOT, 'bin/brief.js'), 'build', '--data', join(project, 'data'), ...args], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  };
  build();
  const made = readFileSync(first);
  expect(existsSync(rebuilt)).toBe(false);
  edit(project, 'data/figures.yaml', (t) => t.replace(/(chinese-tourists-2019:[\s\S]*?value: )\d+/, '$1151234'));
  build();
  // Made by the edit build, smaller than the first build's: it holds only what such a build compiled.
  expect(statSync(rebuilt).size).toBeGreaterThan(1_000_000);
  expect(statSync(rebuilt).size).toBeLessThan(made.length);
  expect(Buffer.compare(readFileSync(first), made)).toBe(0);
  // A build that is not an edit build (no cache, so no up-to-date check) takes the first one.
  build('--no-cache', '--out', join(project, 'out', 'clean.pdf'));
  expect(Buffer.compare(readFileSync(first), made)).toBe(0);
  for (const f of [first, rebuilt]) rmSync(f, { force: true });
});

test('the code cache holds what the build compiled, however many times V8 collected garbage before it was made', () => {
  // V8 drops the bytecode of functions unused over several full collections: a
  // first run that also bundled made a cache of 3.1 MB, not 4.1. Here node
  // drops it at every collection (--stress-flush-code), and a preload collects
  // just before the cache is made; its flags give it a cache file of its own.
  const preload = join(dir, 'collect.cjs');
  writeFileSync(preload, `const vm = require('node:vm');
const make = vm.Script.prototype.createCachedData;
vm.Script.prototype.createCachedData = function () { globalThis.gc(); globalThis.gc(); return make.call(this); };`);
  const flags = ['--stress-flush-code', '--expose-gc', '--require', preload];
  const plain = readdirSync(dist).find((f) => /^run-[0-9a-f]+\.v8cache$/.test(f))!;
  const own = join(dist, plain.replace(/\.v8cache$/, `.${createHash('sha256').update(flags.join(' ')).digest('hex').slice(0, 8)}.v8cache`));
  rmSync(own, { force: true });
  const run = spawnSync(process.execPath, [...flags, join(ROOT, 'bin/brief.js'), 'build', '--data', join(dir, 'data'), '--no-cache', '--out', join(dir, 'out', 'collected.pdf')], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  // A whole build compiles about 4 MB of it; with the bytecode dropped, 2.3 MB were left.
  expect(statSync(own).size).toBeGreaterThan(3_500_000);
  rmSync(own, { force: true });
});

test.each([
  [['build'], 0, true],
  [['build', '--data', 'x', '--format', 'pdf,html'], 0, true],
  [['build'], 1, false], // stopped at an error: it compiled the stages up to it
  [['check'], 0, false], // lays out, writes no PDF
  [['build', '--help'], 0, false],
  [['watch'], 0, false], // keeps its cache itself, after its warm-up
  [['init', 'x'], 0, false],
])('the code cache of `brief %j` (exit %i) is kept: %s', (argv, code, kept) => {
  expect(worthCaching(argv as string[], code as number)).toBe(kept);
});

test('the bundle carries the installed packages\' versions, read from npm\'s lock as it bundles', async () => {
  const { installedVersions } = (await import(pathToFileURL(join(ROOT, 'bin', 'bundle.mjs')).href)) as { installedVersions(root: string): Record<string, string> };
  // A hand-written lock: packages at the top of node_modules count; a copy nested in another package and a link do not.
  const fake = tempDir('brief-lock-');
  mkdirSync(join(fake, 'node_modules'));
  writeFileSync(join(fake, 'node_modules', '.package-lock.json'), JSON.stringify({
    name: 'x', lockfileVersion: 3, packages: {
      'node_modules/alpha': { version: '1.2.3' },
      'node_modules/@scope/beta': { version: '4.5.6' },
      'node_modules/alpha/node_modules/gamma': { version: '9.9.9' },
      'node_modules/delta': { resolved: '../delta', link: true },
    },
  }));
  expect(installedVersions(fake)).toEqual({ alpha: '1.2.3', '@scope/beta': '4.5.6' });
  // Without the lock, versions come from each package.json, as when running from src/.
  expect(installedVersions(join(fake, 'node_modules'))).toEqual({});
  // The bundle itself: what a fresh build keys its cache with, against each package's own package.json.
  brief();
  const script = readFileSync(join(dist, readdirSync(dist).find((f) => /^run-[0-9a-f]+\.cjs$/.test(f))!), 'latin1');
  for (const name of ['vega', 'vega-lite', 'fontkit', 'pdfkit', 'yaml', 'handlebars', '@expo-google-fonts/source-serif-4']) {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    const bundled = new RegExp(`"${name.replace(/[/.-]/g, '\\$&')}":"([^"]+)"`).exec(script)?.[1];
    expect(bundled, name).toBe(version);
  }
});

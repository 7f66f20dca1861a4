// out/.cache may make a build faster, never different.
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { build } from '../src/pipeline.ts';
import { CACHED_PACKAGES, deferWrites, diskCache, pruneCache } from '../src/cache/cache.ts';
import { memoryCache } from './support/memoryCache.ts';
import { ROOT, copyProject, edit } from './support/project.ts';
import { shared } from './support/shared.ts';
import { VARIANTS } from './support/variants.ts';
import { runBrief } from './support/runCli.ts';
import { tempDir } from './support/tempDir.ts';

const dir = tempDir('brief-cache-');
const cache = diskCache(dir, 'test', CACHED_PACKAGES);

test('a cached build, a build that fills the cache and an uncached build give the same bytes', async () => {
  const uncached = shared(); // built without a cache, once for the run
  const filling = await build(ROOT, { cache });
  expect(readdirSync(join(dir, 'chart'))).toHaveLength(6);
  expect(readdirSync(join(dir, 'notes'))).toHaveLength(1);
  expect(readdirSync(join(dir, 'shaping')).length).toBeGreaterThan(0); // one file per font face used
  // Parsed YAML (the five .yaml files), compiled templates, broken words, chart label widths,
  // measured paragraphs, line breaks, chart sizes, font subsets.
  expect(readdirSync(join(dir, 'yaml'))).toHaveLength(5);
  for (const ns of ['template', 'hyphenation', 'label-widths', 'measured', 'line-breaks', 'svg-size', 'svg-resized', 'font-subset']) expect(readdirSync(join(dir, ns)).length).toBeGreaterThan(0);
  const cached = await build(ROOT, { cache });
  expect(Buffer.compare(filling.pdf, uncached.pdf)).toBe(0);
  expect(Buffer.compare(cached.pdf, uncached.pdf)).toBe(0);
});

test('edited figures miss the cache for their charts only, and the output follows the edit', async () => {
  expect(readdirSync(join(dir, 'chart'))).toHaveLength(6); // filled by the test above
  const project = copyProject();
  for (const e of VARIANTS.editedFigures) edit(project, e.file, e.change);
  const shaping = () => Object.fromEntries(readdirSync(join(dir, 'shaping')).map((f) => [f, statSync(join(dir, 'shaping', f)).mtimeMs]));
  const before = shaping();
  const cached = await build(project, { cache });
  expect(readdirSync(join(dir, 'chart'))).toHaveLength(8); // the tourists chart and the projects chart
  // The new numbers' glyph runs go to the small entries; the large ones are not written again.
  expect(shaping()).toEqual(before);
  expect(readdirSync(join(dir, 'shaping-added')).length).toBeGreaterThan(0);
  expect(Buffer.compare(cached.pdf, shared('editedFigures').pdf)).toBe(0);
});

test('pruning keeps the most recently used entries of each kind, a read counting as a use', () => {
  const root = tempDir('brief-prune-');
  const small = diskCache(root, 'test', CACHED_PACKAGES);
  const folder = join(root, 'chart');
  // Entry i written, then dated i minutes after the first: 0 is the oldest.
  for (let i = 0; i < 8; i++) {
    const before = new Set(existsSync(folder) ? readdirSync(folder) : []);
    small.write('chart', { i }, { svg: `<svg>${i}</svg>` });
    const file = readdirSync(folder).find((f) => !before.has(f))!;
    const t = new Date(Date.UTC(2026, 0, 1, 12, i));
    utimesSync(join(folder, file), t, t);
  }
  for (let i = 0; i < 2; i++) small.write('notes', { i }, [i]);
  writeFileSync(join(folder, 'half-written.json.123.tmp'), '{');
  utimesSync(join(folder, 'half-written.json.123.tmp'), new Date(0), new Date(0));
  // Reading entry 1 makes it the most recently used.
  expect(small.read('chart', { i: 1 })).toEqual({ svg: '<svg>1</svg>' });
  pruneCache(root, 5);
  expect([0, 1, 2, 3, 4, 5, 6, 7].filter((i) => small.read('chart', { i }) !== undefined)).toEqual([1, 4, 5, 6, 7]);
  expect(readdirSync(folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  expect(readdirSync(join(root, 'notes'))).toHaveLength(2);
});

test('a read sets an entry\'s time only once it is ten minutes old', () => {
  const root = tempDir('brief-touch-');
  const small = diskCache(root, 'test', CACHED_PACKAGES);
  small.write('notes', { n: 1 }, [1]);
  const file = join(root, 'notes', readdirSync(join(root, 'notes'))[0]);
  const recent = new Date(Date.now() - 2 * 60_000);
  utimesSync(file, recent, recent);
  expect(small.read('notes', { n: 1 })).toEqual([1]);
  expect(Math.round(statSync(file).mtimeMs)).toBe(recent.getTime());
  const old = new Date(Date.now() - 11 * 60_000);
  utimesSync(file, old, old);
  expect(small.read('notes', { n: 1 })).toEqual([1]);
  expect(statSync(file).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
});

test('the cache is pruned at most once in ten minutes', () => {
  const root = tempDir('brief-prune-every-');
  const small = diskCache(root, 'test', CACHED_PACKAGES);
  const folder = join(root, 'chart');
  const add = (from: number, to: number) => {
    for (let i = from; i < to; i++) small.write('chart', { i }, { svg: `<svg>${i}</svg>` });
  };
  add(0, 4);
  pruneCache(root, 2);
  expect(readdirSync(folder)).toHaveLength(2);
  add(4, 8);
  pruneCache(root, 2); // a minute later, say: left as it is
  expect(readdirSync(folder)).toHaveLength(6);
  const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
  utimesSync(join(root, '.pruned'), elevenMinutesAgo, elevenMinutesAgo);
  pruneCache(root, 2);
  expect(readdirSync(folder)).toHaveLength(2);
});

test('brief build prunes out/.cache after building, keeping what it used', async () => {
  const project = copyProject();
  const charts = join(project, 'out', '.cache', 'chart');
  mkdirSync(charts, { recursive: true });
  for (let i = 0; i < 120; i++) {
    writeFileSync(join(charts, `left-by-an-old-version-${i}.json`), '{}');
    utimesSync(join(charts, `left-by-an-old-version-${i}.json`), new Date(Date.UTC(2025, 0, 1, 0, i)), new Date(Date.UTC(2025, 0, 1, 0, i)));
  }
  const { code } = await runBrief('build', '--data', join(project, 'data'));
  expect(code).toBe(0);
  const left = readdirSync(charts);
  expect(left).toHaveLength(100);
  expect(left.filter((f) => !f.startsWith('left-by'))).toHaveLength(6); // the paper's six charts
  expect(left).not.toContain('left-by-an-old-version-0.json');
});

test('writes deferred until the brief is written: read back meanwhile, on disk only after flush, the last one winning', async () => {
  const disk = memoryCache();
  const deferred = deferWrites(disk);
  const value = { words: ['trade', 'grew'] };
  deferred.write('shaping', 'font-a', value);
  deferred.write('notes', 'n', { text: 'first' });
  deferred.write('notes', 'n', { text: 'second' });
  expect(disk.writes).toEqual([]);
  // Read back as from disk: a copy.
  const read = deferred.read<typeof value>('shaping', 'font-a')!;
  expect(read).toEqual({ words: ['trade', 'grew'] });
  expect(read).not.toBe(value);
  expect(await deferred.get('notes', 'n', async () => ({ text: 'computed' }))).toEqual({ text: 'second' });
  // A key never written reads through to the cache beneath.
  disk.write('chart', 'c', { svg: '<svg/>' });
  expect(deferred.read('chart', 'c')).toEqual({ svg: '<svg/>' });
  deferred.flush();
  expect(disk.writes).toEqual(['chart', 'shaping', 'notes']);
  expect(disk.read('notes', 'n')).toEqual({ text: 'second' });
  deferred.flush();
  expect(disk.writes).toHaveLength(3);
});

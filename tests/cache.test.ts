// The notes and chart cache may make a build faster, never different.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { build } from '../src/pipeline.ts';
import { CACHED_PACKAGES, diskCache } from '../src/cache/cache.ts';
import { ROOT, copyProject, edit } from './support/project.ts';

test('a cached build, a build that fills the cache and an uncached build give the same bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brief-cache-'));
  const cache = diskCache(dir, 'test', CACHED_PACKAGES);
  const uncached = await build(ROOT);
  const filling = await build(ROOT, { cache });
  expect(readdirSync(join(dir, 'chart'))).toHaveLength(6);
  expect(readdirSync(join(dir, 'notes'))).toHaveLength(1);
  const cached = await build(ROOT, { cache });
  expect(Buffer.compare(filling.pdf, uncached.pdf)).toBe(0);
  expect(Buffer.compare(cached.pdf, uncached.pdf)).toBe(0);
});

test('an edited figure misses the cache for its chart only, and the output follows the edit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brief-cache-'));
  const cache = diskCache(dir, 'test', CACHED_PACKAGES);
  await build(ROOT, { cache });
  const project = copyProject();
  edit(project, 'data/figures.yaml', (t) => t.replace(/(chinese-tourists-2019:[\s\S]*?value: )145000/, '$1151234'));
  const cached = await build(project, { cache });
  expect(readdirSync(join(dir, 'chart'))).toHaveLength(7);
  expect(Buffer.compare(cached.pdf, (await build(project)).pdf)).toBe(0);
});

// out/.cache may make a build faster, never different.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { build } from '../src/pipeline.ts';
import { CACHED_PACKAGES, diskCache } from '../src/cache/cache.ts';
import { ROOT, copyProject, edit } from './support/project.ts';
import { shared } from './support/shared.ts';
import { VARIANTS } from './support/variants.ts';

const dir = mkdtempSync(join(tmpdir(), 'brief-cache-'));
const cache = diskCache(dir, 'test', CACHED_PACKAGES);

test('a cached build, a build that fills the cache and an uncached build give the same bytes', async () => {
  const uncached = shared(); // built without a cache, once for the run
  const filling = await build(ROOT, { cache });
  expect(readdirSync(join(dir, 'chart'))).toHaveLength(6);
  expect(readdirSync(join(dir, 'notes'))).toHaveLength(1);
  expect(readdirSync(join(dir, 'shaping')).length).toBeGreaterThan(0); // one file per font face used
  // Parsed YAML (the five .yaml files), compiled templates, broken words, chart label widths.
  expect(readdirSync(join(dir, 'yaml'))).toHaveLength(5);
  for (const ns of ['template', 'hyphenation', 'label-widths']) expect(readdirSync(join(dir, ns)).length).toBeGreaterThan(0);
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

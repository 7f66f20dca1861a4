// Shaped words kept as arrays: a run read back is the run fontkit shaped.
import { expect, test } from 'vitest';
import * as fontkit from 'fontkit';
import { fontFiles, SERIF } from '../../src/layout/fonts.ts';
import { isPackedRuns, lazyRuns, packRun, unpackRun, type Run } from '../../src/layout/shapedRuns.ts';

// As pdfkit's EmbeddedFont.layoutRun leaves a run: positions scaled to 1000 units per em.
function shape(word: string): Run {
  const font = fontkit.openSync(fontFiles()[SERIF].normal) as fontkit.Font;
  const run = font.layout(word);
  const scale = 1000 / font.unitsPerEm;
  const positions = run.positions.map((p, i) => ({ xAdvance: p.xAdvance * scale, yAdvance: p.yAdvance * scale, xOffset: p.xOffset * scale, yOffset: p.yOffset * scale, advanceWidth: run.glyphs[i].advanceWidth * scale }));
  return { glyphs: run.glyphs.map((g) => ({ id: g.id, advanceWidth: g.advanceWidth, codePoints: g.codePoints })), positions, advanceWidth: positions.reduce((s, p) => s + p.xAdvance, 0) };
}

test('a word with a ligature and a kern pair comes back glyph for glyph, code points included', () => {
  const run = shape('office AVA');
  // "ffi" is one glyph that stands for three characters (ToUnicode needs all three).
  expect(run.glyphs.some((g) => g.codePoints.join() === '102,102,105')).toBe(true);
  const back = unpackRun(JSON.parse(JSON.stringify(packRun(run))));
  expect(back).toEqual(run);
  expect(back.glyphs.map((g) => g.codePoints)).toEqual(run.glyphs.map((g) => g.codePoints));
});

test('lazy runs unpack a word on first read and keep it; a layoutCache built on them finds them', () => {
  const runs = lazyRuns({ Belgrade: packRun(shape('Belgrade')) });
  const layoutCache = Object.create(runs) as Record<string, Run>;
  const first = layoutCache.Belgrade;
  expect(first.glyphs).toHaveLength(8);
  expect(layoutCache.Belgrade).toBe(first);
  expect(layoutCache.Novi).toBeUndefined();
});

test('a damaged store is not taken for runs', () => {
  expect(isPackedRuns({ a: [500, 1, 500, [97], 500, 0, 0, 0, 500] })).toBe(true);
  expect(isPackedRuns({ a: [500, 1, 500] })).toBe(false);
  expect(isPackedRuns([1, 2])).toBe(false);
  expect(isPackedRuns('{"a":')).toBe(false);
});

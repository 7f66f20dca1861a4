// Words joined into one run: consecutive words of one look group together, and
// each word's first glyph still starts where layout put it.
import { expect, test } from 'vitest';
import { joinWords, runsOf, type GlyphPosition } from '../../src/layout/textRuns.ts';

/** A glyph of the given advance (thousandths of the font size), no kerning. */
const glyph = (advance: number): GlyphPosition => ({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance });

test('runs are consecutive items that may share one text object', () => {
  const looks = ['serif', 'serif', 'italic', 'serif', 'serif', 'serif'];
  expect(runsOf(looks, (a, b) => a === b)).toEqual([['serif', 'serif'], ['italic'], ['serif', 'serif', 'serif']]);
  expect(runsOf([], () => true)).toEqual([]);
});

test('a gap that justification put between two words becomes the advance of the first word\'s last glyph', () => {
  // At 10 pt, 1 pt is 100 thousandths. "ab " is 500 + 500 + 250 = 1250 thousandths = 12.5 pt; the next word starts at 15 pt.
  const joined = joinWords([
    { x: 0, encoded: ['0001', '0002', '0003'], positions: [glyph(500), glyph(500), glyph(250)] },
    { x: 15, encoded: ['0004'], positions: [glyph(600)] },
  ], 10);
  expect(joined.encoded).toEqual(['0001', '0002', '0003', '0004']);
  expect(joined.positions.map((p) => p.xAdvance)).toEqual([500, 500, 250 + 250, 600]);
  // The space keeps its own width: the difference is what pdfkit writes as a TJ adjustment.
  expect(joined.positions[2].advanceWidth).toBe(250);
});

test('words set at their natural widths join with no adjustment, and the fonts\' own positions are not changed', () => {
  const space = glyph(250);
  const words = [
    { x: 0, encoded: ['0001', '0002'], positions: [glyph(500), space] },
    { x: 7.5, encoded: ['0003'], positions: [glyph(400)] },
  ];
  const joined = joinWords(words, 10);
  expect(joined.positions.map((p) => p.xAdvance)).toEqual([500, 250, 400]);
  expect(space.xAdvance).toBe(250);
  // A justified gap copies the glyph: a font's cached run is shared by every use of the word.
  const justified = joinWords([words[0], { ...words[1], x: 8.5 }], 10);
  expect(justified.positions[1].xAdvance).toBe(350);
  expect(space.xAdvance).toBe(250);
});

test('a word with no glyphs passes its gap on to the word before it', () => {
  const joined = joinWords([
    { x: 0, encoded: ['0001'], positions: [glyph(500)] },
    { x: 5, encoded: [], positions: [] },
    { x: 6, encoded: ['0002'], positions: [glyph(500)] },
  ], 10);
  expect(joined.positions.map((p) => p.xAdvance)).toEqual([600, 500]);
});

test('a word that starts before the pen (a negative gap) pulls the next glyph back', () => {
  const joined = joinWords([
    { x: 0, encoded: ['0001'], positions: [glyph(500)] },
    { x: 4.5, encoded: ['0002'], positions: [glyph(500)] },
  ], 10);
  expect(joined.positions[0].xAdvance).toBeCloseTo(450, 9);
});

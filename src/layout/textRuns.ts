// Words of one look in a row, drawn as one text object: the run's glyphs are
// the words' own, with each word still starting where layout put it.

/** A glyph's placement as pdfkit's fonts give it, in thousandths of the font size. */
export interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** A word as the font encoded it, and where layout put it on the line (points). */
export interface PlacedWord {
  x: number;
  encoded: string[];
  positions: GlyphPosition[];
}

/** Consecutive items that `sameRun` lets share a text object, in order. */
export function runsOf<T>(items: readonly T[], sameRun: (a: T, b: T) => boolean): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const run = runs[runs.length - 1];
    if (run && sameRun(run[run.length - 1], item)) run.push(item);
    else runs.push([item]);
  }
  return runs;
}

/**
 * Below this (thousandths of the font size) a gap is float noise: pdfkit
 * writes numbers to six decimals, so it could not show in the file.
 */
const NOISE = 5e-7;

/**
 * One run's glyphs from its words': where a word's pen ends short of (or past)
 * the next word's start (justification), its last glyph advances by the
 * difference, which pdfkit writes as a TJ adjustment.
 */
export function joinWords(words: readonly PlacedWord[], fontSize: number): { encoded: string[]; positions: GlyphPosition[] } {
  const encoded: string[] = [];
  const positions: GlyphPosition[] = [];
  const perPoint = 1000 / fontSize;
  let pen = 0;
  for (const word of words) {
    if (!word.positions.length) continue;
    const gap = (word.x - pen) * perPoint;
    if (positions.length && Math.abs(gap) > NOISE) {
      const last = positions.length - 1;
      positions[last] = { ...positions[last], xAdvance: positions[last].xAdvance + gap };
    }
    pen = word.x;
    for (const position of word.positions) {
      positions.push(position);
      pen += position.xAdvance / perPoint;
    }
    for (const glyph of word.encoded) encoded.push(glyph);
  }
  return { encoded, positions };
}

// Shaped words as plain arrays, so they can be kept on disk between runs and
// read back faster than fontkit shapes them (JSON.parse of every word the brief
// uses takes a few ms; shaping them takes hundreds).
//
// A run is what pdfkit's EmbeddedFont keeps per word in its layoutCache, after
// scaling to 1000 units per em: the glyphs (id, unscaled advance, code points
// for ToUnicode) and their positions. pdfkit reads nothing else from it, and
// every number round-trips through JSON exactly, so a run read back gives the
// same PDF bytes as a run shaped afresh.

export interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

export interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

export interface Run {
  glyphs: Glyph[];
  positions: Position[];
  advanceWidth: number;
}

/** [advanceWidth, then per glyph: id, its advance, its code points, xAdvance, yAdvance, xOffset, yOffset, scaled advance]. */
export type PackedRun = [number, ...(number | number[])[]];

const PER_GLYPH = 8;

export function packRun(run: Run): PackedRun {
  const packed: PackedRun = [run.advanceWidth];
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i];
    packed.push(g.id, g.advanceWidth, [...g.codePoints], p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth);
  });
  return packed;
}

export function unpackRun(packed: PackedRun): Run {
  const glyphs: Glyph[] = [];
  const positions: Position[] = [];
  // Read in place: a slice per glyph was a quarter of the cost of reading the brief's words back.
  const p = packed as number[];
  for (let i = 1; i + PER_GLYPH <= packed.length; i += PER_GLYPH) {
    glyphs.push({ id: p[i], advanceWidth: p[i + 1], codePoints: packed[i + 2] as unknown as number[] });
    positions.push({ xAdvance: p[i + 3], yAdvance: p[i + 4], xOffset: p[i + 5], yOffset: p[i + 6], advanceWidth: p[i + 7] });
  }
  return { glyphs, positions, advanceWidth: packed[0] };
}

/** Whether a stored value has the shape of packed runs (a damaged or foreign file is ignored). */
export function isPackedRuns(value: unknown): value is Record<string, PackedRun> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => Array.isArray(v) && typeof v[0] === 'number' && (v.length - 1) % PER_GLYPH === 0);
}

/**
 * A dictionary of runs that unpacks each word on first read and keeps it: the
 * prototype of a font's layoutCache, so pdfkit's `layoutCache[word]` finds it.
 */
export function lazyRuns(packed: Record<string, PackedRun>): Record<string, Run> {
  const runs = Object.create(null) as Record<string, Run>;
  for (const word of Object.keys(packed)) {
    Object.defineProperty(runs, word, {
      configurable: true,
      enumerable: true,
      get() {
        const run = unpackRun(packed[word]);
        Object.defineProperty(runs, word, { value: run, enumerable: true });
        return run;
      },
    });
  }
  return runs;
}

// Shaped words as plain arrays, so they can be kept on disk between runs and
// read back faster than fontkit shapes them (reading every word the brief uses
// takes a few ms; shaping them takes hundreds).
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

/** A glyph as kept, with its place in a run: [id, its advance, its code points, xAdvance, yAdvance, xOffset, yOffset, scaled advance]. */
export type GlyphRecord = [number, number, number[], number, number, number, number, number];

/**
 * A font's runs as kept on disk: each distinct glyph record once, and each
 * word as its advance width and the indices of its glyph records. The paper's
 * 2,800 words in the text face have 275 distinct records: 100 KB where a
 * record per glyph of every word took 450 KB, and a fresh process took about
 * 40 ms to parse them and as long again to make their objects.
 */
export interface StoredRuns {
  glyphs: GlyphRecord[];
  words: Record<string, number[]>;
}

const RECORD = 8;

/**
 * A font's kept runs, read back and added to. A run made from it shares its
 * glyph and position objects with every other run of the same records: pdfkit
 * reads them and never changes them (it copies the one position it widens for
 * word spacing, as textRuns.ts does for justification).
 */
export class RunStore {
  private readonly glyphs: GlyphRecord[] = [];
  private readonly words: Record<string, number[]> = Object.create(null);
  /** Each record's objects, made on first use. */
  private readonly made: ({ glyph: Glyph; position: Position } | undefined)[] = [];
  /** Records by their JSON, made when a word is first added. */
  private index: Map<string, number> | undefined;

  /** A store holding what `value` holds, if it is a whole StoredRuns (a damaged or foreign file adds nothing). */
  merge(value: unknown): this {
    if (!isStoredRuns(value)) return this;
    // The first store read keeps its numbers; a later one's records are renumbered into these.
    const number = this.glyphs.length || this.index ? value.glyphs.map((record) => this.intern(record)) : undefined;
    if (!number) this.glyphs.push(...value.glyphs);
    for (const word of Object.keys(value.words)) {
      const [width, ...records] = value.words[word];
      this.words[word] = number ? [width, ...records.map((r) => number[r])] : value.words[word];
    }
    return this;
  }

  has(word: string): boolean {
    return word in this.words;
  }

  /** Every word kept, in the order they were added. */
  list(): string[] {
    return Object.keys(this.words);
  }

  /** A word's run, its glyphs and positions shared with the store's other runs. */
  run(word: string): Run | undefined {
    const kept = this.words[word];
    if (!kept) return undefined;
    const glyphs: Glyph[] = [];
    const positions: Position[] = [];
    for (let i = 1; i < kept.length; i++) {
      const made = this.made[kept[i]] ?? this.make(kept[i]);
      glyphs.push(made.glyph);
      positions.push(made.position);
    }
    return { glyphs, positions, advanceWidth: kept[0] };
  }

  /** Keeps a shaped run under its word. */
  add(word: string, run: Run): void {
    this.words[word] = [run.advanceWidth, ...run.glyphs.map((g, i) => {
      const p = run.positions[i];
      return this.intern([g.id, g.advanceWidth, [...g.codePoints], p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth]);
    })];
  }

  /** The store as kept on disk: every word, or only these, with the records they use. */
  stored(only?: Iterable<string>): StoredRuns {
    if (!only) return { glyphs: this.glyphs, words: this.words };
    const own = new RunStore();
    const numbers = new Map<number, number>();
    for (const word of only) {
      const [width, ...records] = this.words[word];
      own.words[word] = [width, ...records.map((r) => {
        let n = numbers.get(r);
        if (n === undefined) numbers.set(r, (n = own.glyphs.push(this.glyphs[r]) - 1));
        return n;
      })];
    }
    return { glyphs: own.glyphs, words: own.words };
  }

  private intern(record: GlyphRecord): number {
    if (!this.index) this.index = new Map(this.glyphs.map((r, i) => [JSON.stringify(r), i]));
    const key = JSON.stringify(record);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.glyphs.push(record) - 1;
      this.index.set(key, i);
    }
    return i;
  }

  private make(i: number): { glyph: Glyph; position: Position } {
    const r = this.glyphs[i];
    const made = { glyph: { id: r[0], advanceWidth: r[1], codePoints: r[2] }, position: { xAdvance: r[3], yAdvance: r[4], xOffset: r[5], yOffset: r[6], advanceWidth: r[7] } };
    this.made[i] = made;
    return made;
  }
}

/** Whether a value read from disk is whole: records of eight values, each word a width and indices of records. */
export function isStoredRuns(value: unknown): value is StoredRuns {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const { glyphs, words } = value as Record<string, unknown>;
  if (!Array.isArray(glyphs) || !words || typeof words !== 'object' || Array.isArray(words)) return false;
  const isRecord = (r: unknown) => Array.isArray(r) && r.length === RECORD && Array.isArray(r[2]) &&
    r.every((v, i) => (i === 2 ? (v as unknown[]).every((c) => typeof c === 'number') : typeof v === 'number'));
  if (!glyphs.every(isRecord)) return false;
  return Object.values(words).every((w) => Array.isArray(w) && typeof w[0] === 'number' &&
    w.every((r, i) => i === 0 || (Number.isInteger(r) && r >= 0 && r < glyphs.length)));
}

/**
 * A dictionary of a store's runs that makes each word's run on first read and
 * keeps it: the prototype of a font's layoutCache, so pdfkit's
 * `layoutCache[word]` finds it. `words`: these only (default: all the store holds).
 */
export function lazyRuns(store: RunStore, words: string[] = store.list(), runs: Record<string, Run> = Object.create(null)): Record<string, Run> {
  for (const word of words) {
    Object.defineProperty(runs, word, {
      configurable: true,
      enumerable: true,
      get() {
        const run = store.run(word)!;
        Object.defineProperty(runs, word, { value: run, enumerable: true });
        return run;
      },
    });
  }
  return runs;
}

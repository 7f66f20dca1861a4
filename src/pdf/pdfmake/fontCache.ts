// Fonts: shape each word once. Every document of a process reads the glyph
// runs (pdfkit's layoutCache) that the first document of each font file shaped,
// so a rebuild in `brief watch` does not shape every word again; with a cache
// (out/.cache), the runs are also kept on disk between processes (core:
// layout/shapedRuns.ts), keyed by the font's bytes and the versions of fontkit
// and pdfkit. A run depends only on the font and the text.
//
// Every font a document opens (for pdfmake's text or a chart's labels) also
// shares the tables its file's fontkit font has decoded in this process, so
// they are decoded once per process, not once per build; and its file is read
// once per process, not once per document (about 8 ms of a rebuild in watch).
//
// Runs a later document shapes stay its own until the build ends, then join
// the shared store, the form they are kept in on disk.
import { internals, type Any, type Hooked } from './internals.ts';
import { RunStore, isStoredRuns, lazyRuns, type Run } from '../../layout/shapedRuns.ts';
import type { Cache } from '../../cache/cache.ts';
import { fontBytes, fontDigest, openFont } from '../../layout/fonts.ts';

export const hooked: Hooked[] = [
  ['PDFDocument', 'font', 'this._font = PDFFontFactory.open(this, src, family, id)'],
  ['PDFDocument', 'provideFont', 'this.fontCache[familyName][type] = this.font(...def)._font'],
  // pdfkit's, under pdfmake's document: a registered name opens the bytes registered for it, and is its cache key.
  ['PDFDocument', 'font', 'this._registeredFonts[src]'],
];

interface FontFile {
  /** The first document's layoutCache: later documents' caches inherit from it. */
  shared: Record<string, Run>;
  /** Every run known for this font, as kept; base, the bottom of the chain, makes its runs on first read. */
  store?: RunStore;
  base?: Record<string, Run>;
  /** The font's bytes, hashed: the disk key. */
  key?: string;
  /** Words stored apart from the main entry since it was last written whole. */
  added?: Set<string>;
}

/**
 * On disk, a font's runs are a main entry (2.8 MB for the paper's fonts) and a
 * small one of the words added since: an edit that adds a word (a new figure)
 * rewrites the small one, and the main one only once the small one grows past this.
 */
const ADDED_LIMIT = 2000;

const files = new Map<string, FontFile>();
/** The build being rendered: its cache and each font's layoutCache in it. */
let active: { cache: Cache; used: Map<string, Record<string, Run>> } | undefined;

/** Called before a document is rendered, and with undefined after: where shaped words are kept (none: this process only). */
export function shapeWith(cache: Cache | undefined): void {
  active = cache ? { cache, used: new Map() } : undefined;
}

/** Called after a document is rendered: its newly shaped words join the store and, with a cache, the disk. */
export function keepShapedWords(): void {
  if (!active) return;
  for (const [file, layoutCache] of active.used) {
    const font = files.get(file)!;
    const store = font.store!;
    const fresh: string[] = [];
    for (let o: Record<string, Run> | null = layoutCache; o && o !== font.base; o = Object.getPrototypeOf(o)) {
      for (const word of Object.keys(o)) {
        if (store.has(word)) continue;
        store.add(word, o[word]);
        fresh.push(word);
      }
    }
    if (!fresh.length) continue;
    lazyRuns(store, fresh, font.base);
    const added = (font.added ??= new Set());
    for (const w of fresh) added.add(w);
    if (added.size > ADDED_LIMIT) {
      active.cache.write('shaping', font.key!, store.stored());
      added.clear();
    }
    active.cache.write('shaping-added', font.key!, store.stored(added));
  }
}

export function install(): void {
  const PD = internals.PDFDocument().prototype;
  const font = PD.font;
  PD.font = function (this: Any, src: unknown, family?: unknown, size?: unknown) {
    // A font file is registered under its own path with the bytes the process
    // read once: pdfkit opens those, and keeps the font under the path as before.
    const file = typeof src === 'string' && /\.[ot]tf$/i.test(src) ? src : undefined;
    if (file && !this._registeredFonts[file]) this._registeredFonts[file] = { src: fontBytes(file), family: typeof family === 'string' ? family : undefined };
    const result = font.call(this, src, family, size);
    if (file) this._fontSource = file; // what pdfkit opened, by name, for the subset cache
    const opened = this._font;
    // A font this document has just opened (pdfmake's text, or a chart's labels): nothing is drawn with it yet.
    if (typeof src === 'string' && opened?.layoutCache && !adopted.has(opened)) {
      adopted.add(opened);
      shareFont(opened, src);
    }
    return result;
  };
}

/** pdfkit's fonts that shareFont has seen (each document opens its own). */
const adopted = new WeakSet<object>();

/**
 * Gives a document's fresh pdfkit font the decoded tables of the process's
 * fontkit font for its file, so they are decoded once a process (about 28 ms a
 * rebuild in watch), as fontkit itself shares them between a font's
 * variations; and points its layoutCache at the file's shared runs.
 *
 * Only the tables: fontkit keeps each glyph with the code points it was first
 * reached by (U+00AD and "-" are one glyph), and pdfkit maps text back from
 * those, so a glyph shared with another document would make this document's
 * text depend on what the process built before it.
 */
function shareFont(opened: Any, file: string): void {
  // Tables this font decoded as it opened (pdfkit reads its name, metrics and
  // first glyph) join the shared ones, rather than being decoded again there.
  const shared = (openFont(file) as Any)._tables;
  for (const [tag, table] of Object.entries(opened.font._tables)) if (!(tag in shared)) shared[tag] = table;
  opened.font._tables = shared;
  const layoutRun = opened.layoutRun;
  opened.layoutRun = (text: string, features?: unknown): Run => ownCodePoints(opened.font, text, layoutRun.call(opened, text, features));
  let known = files.get(file);
  // Reads fall through to the first document's runs; writes stay with this document.
  if (known) opened.layoutCache = Object.create(known.shared);
  else files.set(file, (known = { shared: opened.layoutCache }));
  if (!active) return;
  if (!known.store) {
    known.key = fontDigest(file);
    const added = active.cache.read<unknown>('shaping-added', known.key);
    known.store = new RunStore().merge(active.cache.read<unknown>('shaping', known.key)).merge(added);
    known.added = new Set(isStoredRuns(added) ? Object.keys(added.words) : []);
    known.base = lazyRuns(known.store);
    Object.setPrototypeOf(known.shared, known.base);
  }
  active.used.set(file, opened.layoutCache);
}

/**
 * A run whose glyphs carry the code points of this text, where each character
 * is drawn by the glyph the font maps it to. fontkit hands out one object per
 * glyph, holding the code points that first reached it in the font's life: in
 * Source Serif 4, "-" and U+2010 are one glyph, so after "pre\u2010war" the
 * hyphen of "post-war" would read back as U+2010. pdfkit writes the PDF's
 * text map from these, so without this a run shaped or kept earlier, in this
 * process or on disk, could make a build differ from a clean one.
 */
function ownCodePoints(font: Any, text: string, run: Run): Run {
  const chars = Array.from(text, (c) => c.codePointAt(0)!);
  if (chars.length !== run.glyphs.length) return run; // ligatures or marks: left as fontkit made them
  run.glyphs = run.glyphs.map((glyph, i) => {
    const own = chars[i];
    if (glyph.codePoints.length === 1 && glyph.codePoints[0] === own) return glyph;
    if (font.glyphForCodePoint(own).id !== glyph.id) return glyph;
    return { id: glyph.id, advanceWidth: glyph.advanceWidth, codePoints: [own] };
  });
  return run;
}

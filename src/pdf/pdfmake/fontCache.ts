// Fonts: shape each word once. Every document of a process reads the glyph
// runs (pdfkit's layoutCache) that the first document of each font file shaped,
// so a rebuild in `brief watch` does not shape every word again; with a cache
// (out/.cache), the runs are also kept on disk between processes (core:
// layout/shapedRuns.ts), keyed by the font's bytes and the versions of fontkit
// and pdfkit. A run depends only on the font and the text.
//
// Runs a later document shapes stay its own until the build ends, then join
// the shared store packed as arrays: a fontkit run holds the parsed font of the
// document that shaped it, and sharing those would keep every document's fonts
// alive (+1.7 MiB a rebuild in a long watch session).
import { internals, type Any, type Hooked } from './internals.ts';
import { isPackedRuns, lazyRuns, packRun, type PackedRun, type Run } from '../../layout/shapedRuns.ts';
import type { Cache } from '../../cache/cache.ts';
import { fontDigest } from '../../layout/fonts.ts';

export const hooked: Hooked[] = [['PDFDocument', 'provideFont', 'this.fontCache[familyName][type] = this.font(...def)._font']];

interface FontFile {
  /** The first document's layoutCache: later documents' caches inherit from it. */
  shared: Record<string, Run>;
  /** Every run known for this font, packed; the bottom of the chain, read lazily. */
  packed?: Record<string, PackedRun>;
  base?: Record<string, Run>;
  /** The font's bytes, hashed: the disk key. */
  key?: string;
  /** Words stored apart from the main entry since it was last written whole. */
  added?: Record<string, PackedRun>;
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
    const packed = font.packed!;
    const fresh: string[] = [];
    for (let o: Record<string, Run> | null = layoutCache; o && o !== font.base; o = Object.getPrototypeOf(o)) {
      for (const word of Object.keys(o)) {
        if (Object.hasOwn(packed, word)) continue;
        packed[word] = packRun(o[word]);
        fresh.push(word);
      }
    }
    if (!fresh.length) continue;
    const more = lazyRuns(Object.fromEntries(fresh.map((w) => [w, packed[w]])));
    Object.defineProperties(font.base!, Object.getOwnPropertyDescriptors(more));
    const added = (font.added ??= {});
    for (const w of fresh) added[w] = packed[w];
    if (Object.keys(added).length > ADDED_LIMIT) {
      active.cache.write('shaping', font.key!, packed);
      font.added = {};
    }
    active.cache.write('shaping-added', font.key!, font.added);
  }
}

export function install(): void {
  const PD = internals.PDFDocument().prototype;
  const provideFont = PD.provideFont;
  PD.provideFont = function (this: Any, familyName: string, bold: boolean, italics: boolean) {
    const fresh = !this.fontCache[familyName]?.[this.getFontType(bold, italics)];
    const font = provideFont.call(this, familyName, bold, italics);
    const file = this.getFontFile(familyName, bold, italics);
    if (!fresh || !font.layoutCache || typeof file !== 'string') return font;
    let known = files.get(file);
    // Reads fall through to the first document's runs; writes stay with this document.
    if (known) font.layoutCache = Object.create(known.shared);
    else files.set(file, (known = { shared: font.layoutCache }));
    if (active) {
      if (!known.packed) {
        known.key = fontDigest(file);
        const stored = active.cache.read<unknown>('shaping', known.key);
        const added = active.cache.read<unknown>('shaping-added', known.key);
        known.added = isPackedRuns(added) ? added : {};
        known.packed = Object.assign(Object.create(null), isPackedRuns(stored) ? stored : {}, known.added);
        known.base = lazyRuns(known.packed!);
        Object.setPrototypeOf(known.shared, known.base);
      }
      active.used.set(file, font.layoutCache);
    }
    return font;
  };
}

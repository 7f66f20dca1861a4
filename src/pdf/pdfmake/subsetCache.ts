// Font subsets, encoded once per glyph list: as a PDF ends, pdfkit has fontkit
// write each font's subset (its glyph outlines, metrics and tables), about 45 ms
// of a fresh process for the paper's fonts. The bytes depend only on the font
// file and the glyphs, in the order the document first used them, which an
// edit to a figure seldom changes: they are kept for the next build of the
// process and, with a cache (out/.cache), on disk. (fontkit's encode also
// appends the parts of composite glyphs to the list; pdfkit reads nothing of
// the subset after it, and the key is the list before.)
import { internals, type Any, type Hooked } from './internals.ts';
import { KeptResults } from '../../cache/buildMemo.ts';
import { fontDigest } from '../../layout/fonts.ts';
import type { Cache } from '../../cache/cache.ts';

export const hooked: Hooked[] = [
  ['PDFDocument', 'font', 'this._font = PDFFontFactory.open(this, src, family, id)'],
  ['PDFDocument', 'font', 'this._fontSource = src'],
  // pdfkit's, under pdfmake's document: as it ends, each font writes its subset (fontkit's encode, glyphs in first-use order).
  ['PDFDocument', 'end', 'this._fontFamilies'],
];

const isBase64 = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v);

const subsets = new KeptResults('font-subset', isBase64);

/** Called before a document is rendered (its cache, if any; whether the process keeps subsets for a next build), and after it with undefined. */
export function subsetsWith(cache: Cache | undefined, rebuilds = false): void {
  subsets.use(cache, rebuilds);
}

/** Ends a build: the subsets it wrote are kept for the next. */
export function endSubsetBuild(): void {
  subsets.endBuild();
}

export function install(): void {
  const PD = internals.PDFDocument().prototype;
  const font = PD.font;
  PD.font = function (this: Any, src: unknown, family?: unknown, size?: unknown) {
    const result = font.call(this, src, family, size);
    const subset = this._font?.subset;
    // The file and face pdfkit opened (a name registered with registerFont resolved to them).
    const file: unknown = this._fontSource;
    const face: unknown = this._fontFamily;
    if (typeof file === 'string' && subset && !wrapped.has(subset)) {
      wrapped.add(subset);
      const encode = subset.encode;
      subset.encode = function (this: Any) {
        if (!subsets.active) return encode.call(this);
        const key = `${fontDigest(file)} ${typeof face === 'string' ? face : ''} ${(this.glyphs as number[]).join(',')}`;
        const bytes = subsets.get(key, () => Buffer.from(encode.call(this)).toString('base64'));
        return Buffer.from(bytes, 'base64');
      };
    }
    return result;
  };
}

/** fontkit subsets whose encode is wrapped (each pdfkit font has its own). */
const wrapped = new WeakSet<object>();

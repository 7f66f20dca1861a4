// Fonts: every document of a process shares one parsed font and one glyph-run
// cache per font file (pdfkit's layoutCache), so a rebuild in `brief watch`
// neither parses the fonts nor shapes every word again. A run depends only on
// the font and the text. Sharing the parsed font too matters for memory: a
// glyph run holds its font, so runs shaped by each document's own copy would
// keep every document's fonts alive.
import { internals, type Any, type Hooked } from './internals.ts';

export const hooked: Hooked[] = [['PDFDocument', 'provideFont', 'this.fontCache[familyName][type] = this.font(...def)._font']];

/** Glyph runs kept per font file (the paper has about 4,000 distinct words): past this the cache starts afresh. */
export const MAX_RUNS = 20_000;

export function install(): void {
  const PD = internals.PDFDocument().prototype;
  const provideFont = PD.provideFont;
  const shared = new Map<string, { font: Any; runs: Record<string, unknown> }>();
  PD.provideFont = function (this: Any, familyName: string, bold: boolean, italics: boolean) {
    const fresh = !this.fontCache[familyName]?.[this.getFontType(bold, italics)];
    const font = provideFont.call(this, familyName, bold, italics);
    const file = this.getFontFile(familyName, bold, italics);
    if (fresh && font.layoutCache && typeof file === 'string') {
      const kept = shared.get(file);
      if (!kept || Object.keys(kept.runs).length > MAX_RUNS) {
        shared.set(file, { font: font.font, runs: font.layoutCache });
      } else {
        // This document's subset and widths start from the shared font, as pdfkit's constructor does.
        font.font = kept.font;
        font.subset = kept.font.createSubset();
        font.widths = [kept.font.getGlyph(0).advanceWidth];
        font.layoutCache = kept.runs;
      }
    }
    return font;
  };
}

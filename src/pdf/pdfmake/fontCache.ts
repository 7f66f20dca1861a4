// Fonts: every document of a process reads the glyph runs (pdfkit's
// layoutCache) that the first document of each font file shaped, so a rebuild
// in `brief watch` does not shape every word again. A run depends only on the
// font and the text. Runs a later document shapes stay its own: a run holds
// the parsed font of the document that shaped it, and sharing those would keep
// every document's fonts alive (+1.7 MiB a rebuild in a long watch session).
import { internals, type Any, type Hooked } from './internals.ts';

export const hooked: Hooked[] = [['PDFDocument', 'provideFont', 'this.fontCache[familyName][type] = this.font(...def)._font']];

export function install(): void {
  const PD = internals.PDFDocument().prototype;
  const provideFont = PD.provideFont;
  const shared = new Map<string, object>();
  PD.provideFont = function (this: Any, familyName: string, bold: boolean, italics: boolean) {
    const fresh = !this.fontCache[familyName]?.[this.getFontType(bold, italics)];
    const font = provideFont.call(this, familyName, bold, italics);
    const file = this.getFontFile(familyName, bold, italics);
    if (fresh && font.layoutCache && typeof file === 'string') {
      const first = shared.get(file);
      // Reads fall through to the first document's runs; writes stay with this document.
      if (first) font.layoutCache = Object.create(first);
      else shared.set(file, font.layoutCache);
    }
    return font;
  };
}

// Fonts: every document of a process shares one glyph-run cache per font file
// (pdfkit's layoutCache), so a rebuild in `brief watch` does not shape every
// word again. A run depends only on the font and the text, and pdfkit already
// shares it between calls within a document.
import { internals, type Any, type Hooked } from './internals.ts';

export const hooked: Hooked[] = [['PDFDocument', 'provideFont', 'this.fontCache[familyName][type] = this.font(...def)._font']];

export function install(): void {
  const PD = internals.PDFDocument().prototype;
  const provideFont = PD.provideFont;
  const runs = new Map<string, object>();
  PD.provideFont = function (this: Any, familyName: string, bold: boolean, italics: boolean) {
    const fresh = !this.fontCache[familyName]?.[this.getFontType(bold, italics)];
    const font = provideFont.call(this, familyName, bold, italics);
    const file = this.getFontFile(familyName, bold, italics);
    if (fresh && font.layoutCache && typeof file === 'string') {
      const shared = runs.get(file);
      if (shared) font.layoutCache = shared;
      else runs.set(file, font.layoutCache);
    }
    return font;
  };
}

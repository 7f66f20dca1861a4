// Justification at spaces only, and a drawn hyphen where a line ends at a soft
// break (pdfmake spreads extra width over every inline boundary and draws no
// hyphen at U+00AD; the fonts map U+00AD and "-" to one glyph).
//
// - ElementWriter.alignLine: justifies at spaces only, draws the hyphen.
// - DocMeasure.measureLeaf: turns the zero-width break marks that hyphenation
//   inserted into break points that carry no character.
import { SOFT_BREAK } from '../../layout/hyphenate.ts';
import { internals, type Any, type Hooked } from './internals.ts';

export const hooked: Hooked[] = [
  ['ElementWriter', 'alignLine', 'justify'],
  ['DocMeasure', 'measureLeaf', 'node._inlines = data.items'],
  ['TextInlines', 'widthOfText', 'widthOfString'],
];

export function install(): void {
  const EW = internals.ElementWriter().prototype;
  const DM = internals.DocMeasure().prototype;
  const TextInlines = internals.TextInlines();
  const measureText = new TextInlines(null);

  const alignLine = EW.alignLine;
  EW.alignLine = function (this: Any, line: Any) {
    drawHyphen(line, measureText);
    const alignment = line.inlines?.[0]?.alignment;
    if (alignment !== 'justify' || line.newLineForced || line.lastLineInParagraph || line.inlines.length < 2) {
      return alignLine.call(this, line);
    }
    const gaps: number[] = [];
    for (let i = 0; i < line.inlines.length - 1; i++) if (/\s$/.test(line.inlines[i].text)) gaps.push(i);
    if (!gaps.length) return undefined;
    const extra = (this.context().availableWidth - line.getWidth()) / gaps.length;
    let shift = 0;
    let g = 0;
    for (let i = 1; i < line.inlines.length; i++) {
      const gapBefore = gaps[g] === i - 1;
      if (gapBefore) {
        shift += extra;
        g++;
      }
      line.inlines[i].x += shift;
      line.inlines[i].justifyShift = gapBefore ? extra : 0;
    }
    return undefined;
  };

  const measureLeaf = DM.measureLeaf;
  DM.measureLeaf = function (this: Any, node: Any) {
    const measured = measureLeaf.call(this, node);
    for (const inline of measured._inlines ?? []) {
      if (!inline.text.includes(SOFT_BREAK)) continue;
      const breaks = inline.text.endsWith(SOFT_BREAK);
      inline.text = inline.text.split(SOFT_BREAK).join('');
      inline.width = measureText.widthOfText(inline.text, inline);
      if (breaks && !inline.link) {
        // A negative trailing cut makes the line fitter count the hyphen that
        // will be drawn if the line ends here.
        inline._softBreak = true;
        inline.trailingCut = -measureText.widthOfText('-', inline);
      }
    }
    return measured;
  };
}

/** A line that ends at a soft break gets its hyphen, inside the measure. */
function drawHyphen(line: Any, measureText: Any): void {
  const last = line.inlines?.[line.inlines.length - 1];
  if (!last?._softBreak || last._hyphenDrawn) return;
  const width = measureText.widthOfText('-', last);
  last.text += '-';
  last.width += width;
  last.trailingCut = 0;
  last._hyphenDrawn = true;
  line.inlineWidths += width;
  line.trailingCut = 0;
}

// Total-fit line breaking for justified text: on the first request for a
// line of a justified paragraph, the whole paragraph is broken at once by
// layout/lineBreaking.ts (Knuth–Plass), and its lines are handed out one per
// call, so page breaking, widows, orphans and notes work on them as before.
// Everything else, and a paragraph no set of breaks fits (a word wider than
// the column), keeps pdfmake's first-fit breaking. A paragraph's breaks are
// kept (layout/keptBreaks.ts): the same items on the same measure break the same.
//
// - LayoutBuilder.buildNextLine: the hook.
// - Line.addInline: builds each line as pdfmake would.
import type { BreakParams, Item } from '../../layout/lineBreaking.ts';
import { breakLinesKept } from '../../layout/keptBreaks.ts';
import { lineBreaking } from '../../layout/theme.ts';
import { internals, type Any, type Hooked, type Inline } from './internals.ts';

export const hooked: Hooked[] = [
  ['LayoutBuilder', 'buildNextLine', 'hasEnoughSpaceForInline'],
  ['Line', 'addInline', 'this.inlineWidths += inline.width'],
];

export function install(): void {
  const LB = internals.LayoutBuilder().prototype;
  const Line = internals.Line();
  const buildNextLine = LB.buildNextLine;
  LB.buildNextLine = function (this: Any, node: Any) {
    const planned: Any[] | undefined = node._plannedLines;
    if (planned?.length) return planned.shift();
    const inlines: Inline[] | undefined = node._inlines;
    if (!inlines?.length || inlines[0].alignment !== 'justify' || inlines.some((i) => i.noWrap)) return buildNextLine.call(this, node);
    const width: number = this.writer.context().availableWidth;
    const { items, boxOf } = toItems(inlines, lineBreaking);
    const broken = breakLinesKept(items, width, lineBreaking);
    if (!broken) return buildNextLine.call(this, node);
    const lines = broken.map((b, k) => {
      const line = new Line(width);
      for (let i = 0; i < inlines.length; i++) if (boxOf[i] >= b.start && boxOf[i] < b.end) line.addInline(inlines[i]);
      line.lastLineInParagraph = k === broken.length - 1;
      return line;
    });
    node._inlines = [];
    node._plannedLines = lines;
    return lines.shift();
  };
}

/** pdfmake's words as boxes, glue and penalties; `boxOf[i]` is the item index of word i's box. */
export function toItems(inlines: Inline[], params: BreakParams & { stretch: number; shrink: number; hyphenPenalty: number; explicitHyphenPenalty: number }): { items: Item[]; boxOf: number[] } {
  const items: Item[] = [];
  const boxOf: number[] = [];
  inlines.forEach((inline, i) => {
    const cut = Number(inline.trailingCut ?? 0);
    const space = /\s$/.test(inline.text) && cut > 0 ? cut : 0;
    boxOf.push(items.length);
    items.push({ type: 'box', width: inline.width - space });
    if (i === inlines.length - 1) return;
    if (inline.lineEnd) items.push({ type: 'penalty', width: 0, penalty: -Infinity, flagged: false });
    else if (inline.noNewLine) return; // the next word continues this one: no break between them
    else if (space) items.push({ type: 'glue', width: space, stretch: space * params.stretch, shrink: space * params.shrink });
    else if (inline._softBreak) items.push({ type: 'penalty', width: -cut, penalty: params.hyphenPenalty, flagged: true, hyphenation: true });
    else if (/-$/.test(inline.text)) items.push({ type: 'penalty', width: 0, penalty: params.explicitHyphenPenalty, flagged: true });
    else items.push({ type: 'penalty', width: 0, penalty: 0, flagged: false }); // a break inside a URL
  });
  return { items, boxOf };
}

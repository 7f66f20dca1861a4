// A line's words drawn as few text objects as their looks allow. pdfmake draws
// every word as its own: opacity, colour, a matrix, BT, Tm, Tf, TJ, ET each
// time, which was most of drawing a page (and of its content stream).
//
// - Renderer.renderLine: words in a row with one look (font, size, colour,
//   opacity, link, shift) become one inline whose glyphs are the words' own,
//   joined so each word starts where layout put it (core: layout/textRuns.ts).
//   Words with decorations, backgrounds, letter spacing, font features, page
//   links or page references are drawn by pdfmake as before.
// - LayoutBuilder.layoutDocument: a document whose root says `wordsApart` (to
//   compare what runs change) is drawn word by word, as pdfmake draws it.
import { joinWords, runsOf, type GlyphPosition } from '../../layout/textRuns.ts';
import { internals, lineWith, type Any, type Hooked, type Inline, type Line } from './internals.ts';

export const hooked: Hooked[] = [
  ['LayoutBuilder', 'layoutDocument', 'this.tryLayoutDocument(docStructure'],
  // What a merged inline must give pdfmake: its text, width, font, size and place are all it draws from.
  ['Renderer', 'renderLine', 'shiftToBaseline = lineHeight - inline.font.ascender'],
  ['Renderer', 'renderLine', 'textWidth: inline.width'],
  ['Renderer', 'renderLine', 'this.pdfDocument.text(inline.text, x + inline.x, shiftedY, options)'],
  // pdfkit's, under pdfmake's document: where a run's glyphs and width are asked of its font.
  ['PDFDocument', '_fragment', '[encoded, positions] = this._font.encode(text, options.features)'],
  ['PDFDocument', '_line', 'this.x += this.widthOfString(text, options)'],
];

/** pdfkit's encoding of a text: glyph ids in hex, and their positions. */
type Encoded = [string[], GlyphPosition[]];

/** A run's glyphs, ready for when pdfkit asks its font to encode the run's text. */
interface Prepared {
  font: Any;
  text: string;
  encoded: Encoded;
  /** The run's width in points, layout's (pdfkit asks for it after drawing, to move its pen). */
  width: number;
}

/** The runs of the line being drawn, in order, and the next one pdfkit will ask for. */
interface Queue {
  prepared: Prepared[];
  next: number;
}

export function install(): void {
  const LB = internals.LayoutBuilder().prototype;
  const layoutDocument = LB.layoutDocument;
  LB.layoutDocument = function (this: Any, docStructure: Any, pdfDocument: Any, ...rest: Any[]) {
    pdfDocument._briefWordsApart = Boolean(docStructure?.wordsApart);
    return layoutDocument.call(this, docStructure, pdfDocument, ...rest);
  };

  const R = internals.Renderer().prototype;
  const renderLine = R.renderLine;
  R.renderLine = function (this: Any, line: Line, x: number, y: number) {
    if (this.pdfDocument._briefWordsApart) return renderLine.call(this, line, x, y);
    const runs = runsOf(line.inlines, sameLook);
    if (runs.length === line.inlines.length) return renderLine.call(this, line, x, y);
    const prepared: Prepared[] = [];
    // A run with no text is left to pdfkit, which draws nothing for it.
    const inlines = runs.map((run) => (run.length === 1 || !run.some((i) => i.text) ? run : [joined(run, prepared)])).flat();
    for (const p of prepared) answerPrepared(p.font);
    queue = { prepared, next: 0 };
    try {
      return renderLine.call(this, lineWith(line, inlines), x, y);
    } finally {
      queue = undefined;
    }
  };
}

function sameLook(a: Inline, b: Inline): boolean {
  // Written out, not looped over key lists: this runs for every word of a cold build, mostly unoptimised.
  return a.font === b.font && a.fontSize === b.fontSize && a.color === b.color && a.opacity === b.opacity
    && a.sup === b.sup && a.sub === b.sub && a.link === b.link && a.linkToDestination === b.linkToDestination
    && drawnAlike(a) && drawnAlike(b);
}

/** Whether pdfmake draws nothing for this word but its text (no decoration, background, spacing, features or page link). */
function drawnAlike(i: Inline): boolean {
  return !i.decoration && !i.background && !i.characterSpacing && !i.fontFeatures && !i.linkToPage && !i._pageNodeRef;
}

/** One inline for a run of words: the first word's look, the run's text and width. */
function joined(run: Inline[], prepared: Prepared[]): Inline {
  const first = run[0];
  const last = run[run.length - 1];
  const words = run.map((inline) => {
    const [encoded, positions] = encodeWord(inline.font, inline.text);
    return { x: inline.x, encoded, positions };
  });
  const glyphs = joinWords(words, first.fontSize);
  // A copy that inherits what the word inherits (a kept word's style: layout/measuredLeaves.ts), not an
  // object with the word itself as its prototype: V8 makes each object used as a prototype slower.
  const inline: Inline = Object.assign(Object.create(Object.getPrototypeOf(first)), first, {
    text: run.map((i) => i.text).join(''),
    width: last.x + last.width - first.x,
  });
  prepared.push({ font: first.font, text: inline.text, encoded: [glyphs.encoded, glyphs.positions], width: inline.width });
  return inline;
}

/** Each pdfkit font's words as it encoded them (each document has its own fonts). */
const encodedWords = new WeakMap<object, Map<string, Encoded>>();

/**
 * A word as its font encodes it, once per font: a word encoded before in the
 * document has its glyphs in the subset already, with their widths and text,
 * so encoding it again would change nothing but cost the shaping lookup and a
 * string per glyph ("the ", "of " recur hundreds of times).
 */
function encodeWord(font: Any, text: string): Encoded {
  let words = encodedWords.get(font);
  if (!words) encodedWords.set(font, (words = new Map()));
  let encoded = words.get(text);
  if (!encoded) words.set(text, (encoded = font.encode(text, undefined) as Encoded));
  return encoded;
}

/** The runs of the line being drawn, while it is drawn. */
let queue: Queue | undefined;
const answering = new WeakSet<object>();

/**
 * Gives a pdfkit font, once, an encode and a width that answer for a prepared
 * run while a line is drawn: the next run's glyphs when asked for its text
 * (runs are drawn in order, whatever their font, and each has text, so pdfkit
 * skips none), and its width just after. Else the font's own. Set once, not
 * per line: adding and deleting a font's own methods made every font slower.
 */
function answerPrepared(font: Any): void {
  if (answering.has(font)) return;
  answering.add(font);
  const encode = font.encode;
  const widthOfString = font.widthOfString;
  font.encode = function (this: Any, text: string, features: unknown): Encoded {
    const run = queue?.prepared[queue.next];
    if (run && run.font === this && run.text === text) {
      queue!.next++;
      return run.encoded;
    }
    return encode.call(this, text, features);
  };
  font.widthOfString = function (this: Any, text: string, size: number, features: unknown): number {
    const run = queue && queue.prepared[queue.next - 1];
    return run && run.font === this && run.text === text ? run.width : widthOfString.call(this, text, size, features);
  };
}

// Charts drawn again from what they wrote before. svg-to-pdfkit (pdfmake's
// renderSVG) turns a chart's SVG into content-stream operators: about 4 ms a
// chart in every rebuild of `brief watch`, 57 ms for the paper's six in a fresh
// process, and the same operators every time for the same SVG, place and fonts.
//
// The first time, a chart's drawing is recorded: the operators it writes, and
// the calls whose effects reach past them, in order (a font opened, a glyph
// added to a font's subset, a font put in the page's resources, an opacity
// state). Drawn again, those calls are made again, with their own operators
// set aside, and the recorded operators are written, if each call gave what it
// gave then: the same font, font name, glyph ids and state name. Else (an edit
// earlier in the document added a glyph to the chart's font, say) the chart is
// drawn as before, and recorded again: the calls made so far are the ones the
// drawing makes first, in the same order, so they leave it nothing to redo.
//
// A drawing that does anything else (an image, a pattern, a group, a link, a
// change to the document a tape does not hold) is not recorded: it is drawn
// every time.
import { createHash } from 'node:crypto';
import { internals, PDFMAKE_VERSION, type Any, type Hooked } from './internals.ts';
import { KeptResults } from '../../cache/buildMemo.ts';
import type { Cache } from '../../cache/cache.ts';
import { fontDigest } from '../../layout/fonts.ts';
import { Replaced, documentBefore, fontNamed, openFonts, watchPageFonts } from './drawingTape.ts';

export const hooked: Hooked[] = [
  // renderSVG's own effects besides svg-to-pdfkit's drawing are links: a chart with one is drawn every time.
  ['Renderer', 'renderSVG', 'this.pdfDocument.link(svg.x, svg.y, svg._width, svg._height, svg.link)'],
  ['Renderer', 'renderSVG', 'this.pdfDocument.annotate(svg.x, svg.y, svg._width, svg._height'],
  ['Renderer', 'renderSVG', 'this.pdfDocument.goTo(svg.x, svg.y, svg._width, svg._height, svg.linkToDestination)'],
  // pdfkit's, under pdfmake's document: where operators go, and what an opacity state does besides writing one.
  ['PDFDocument', 'addContent', 'this.page.write(data)'],
  ['PDFDocument', '_doOpacity', 'this.page.ext_gstates[name] = dictionary'],
];

/** A call whose effect reaches past the operators, and what it gave. */
type Step =
  /** doc.font(file) for one of the document's font files, and the font it made current: its name in the PDF (F1, F2…). */
  | ['font', string, string]
  /** The font with that name encoding a text: the glyph ids it gave, joined. */
  | ['encode', string, string, string]
  /** svg-to-pdfkit's look for the font in the page's resources, where it puts the font if it is not there. */
  | ['pageFont', string]
  /** doc._doOpacity(fill, stroke), and the operator it wrote ('' for none). */
  | ['opacity', number | null, number | null, string];

export interface Tape {
  steps: Step[];
  /** Each font a step names, by its PostScript name: a name may stand for another font in another document. */
  fonts: Record<string, string>;
  /** The operators, as the content stream got them, one per line. */
  content: string;
}

const isStep = (s: unknown): s is Step => {
  if (!Array.isArray(s)) return false;
  const str = (v: unknown) => typeof v === 'string';
  const num = (v: unknown) => v === null || typeof v === 'number';
  switch (s[0]) {
    case 'font': return s.length === 3 && str(s[1]) && str(s[2]);
    case 'encode': return s.length === 4 && str(s[1]) && str(s[2]) && str(s[3]);
    case 'pageFont': return s.length === 2 && str(s[1]);
    case 'opacity': return s.length === 4 && num(s[1]) && num(s[2]) && str(s[3]);
    default: return false;
  }
};

export const isTape = (v: unknown): v is Tape => {
  if (!v || typeof v !== 'object') return false;
  const t = v as Record<string, unknown>;
  const record = (o: unknown) => !!o && typeof o === 'object' && !Array.isArray(o);
  return Array.isArray(t.steps) && t.steps.every(isStep) && typeof t.content === 'string'
    && record(t.fonts) && Object.values(t.fonts as object).every((n) => typeof n === 'string');
};

const tapes = new KeptResults('chart-tape', isTape);

/** Called before a document is rendered (its cache, if any; whether the process keeps tapes for a next build), and after it with undefined. */
export function replayChartsWith(cache: Cache | undefined, rebuilds = false): void {
  tapes.use(cache, rebuilds);
}

/** Ends a build: the tapes it drew from or recorded are kept for the next. */
export function endChartBuild(): void {
  tapes.endBuild();
}

export function install(): void {
  const R = internals.Renderer().prototype;
  const renderSVG = R.renderSVG;
  R.renderSVG = function (this: Any, svg: Any) {
    const doc = this.pdfDocument;
    if (!tapes.active || typeof svg.svg !== 'string' || svg.link || svg.linkToPage || svg.linkToDestination) return renderSVG.call(this, svg);
    const key = keyOf(doc, svg);
    const tape = tapes.find(key);
    if (tape && replay(doc, tape)) {
      tapes.keep(key, tape, false);
      return undefined;
    }
    const recorded = record(doc, () => renderSVG.call(this, svg));
    if (recorded) tapes.keep(key, recorded, true);
    return undefined;
  };
}

/** What a chart's drawing depends on: its SVG, box and page, the current matrix, the fonts it may use (by their bytes), and pdfmake's version (svg-to-pdfkit is part of it). */
function keyOf(doc: Any, svg: Any): string {
  const fonts: Record<string, Record<string, string>> = {};
  for (const [family, faces] of Object.entries(doc.fonts as Record<string, Record<string, unknown>>)) {
    fonts[family] = {};
    // The path too: a font step opens the font by it.
    for (const [face, file] of Object.entries(faces)) fonts[family][face] = typeof file === 'string' ? `${file} ${fontDigest(file)}` : String(file);
  }
  // The current matrix too: svg-to-pdfkit reads it to scale some strokes to the page.
  const about = [PDFMAKE_VERSION, svg.x, svg.y, svg._width, svg._height, svg.options ?? null, svg.font ?? null, doc.page.width, doc.page.height, doc._ctm, fonts];
  return createHash('sha256').update(JSON.stringify(about)).update('\n').update(svg.svg).digest('hex');
}

/** The font files pdfmake was given for the document. */
function fontFilesOf(doc: Any): Set<string> {
  return new Set(Object.values(doc.fonts as Record<string, Record<string, unknown>>).flatMap((faces) => Object.values(faces).filter((f): f is string => typeof f === 'string')));
}



/**
 * The document's fields a chart's drawing may change: those its steps set as
 * they are made again (the current font, counters, the objects made and
 * written). A drawing that changes any other is not recorded.
 */
const SET_BY_STEPS = new Set(['_font', '_fontSource', '_fontFamily', '_fontCount', '_opacityCount', '_offsets', '_offset', '_waiting']);

/** Draws the chart, recording it; undefined if the drawing did anything a tape does not hold. */
function record(doc: Any, draw: () => void): Tape | undefined {
  const page = doc.page;
  const steps: Step[] = [];
  const content: string[] = [];
  const fonts: Record<string, string> = {};
  let replayable = true;
  let refs = 0;

  const before = documentBefore(doc, SET_BY_STEPS);
  const length = page.content.uncompressedLength;
  const referenced = (fs: Any[]) => fs.filter((f) => f.dictionary).length;
  const referencedBefore = referenced(openFonts(doc));
  const opacitiesBefore = Object.keys(doc._opacityRegistry).length;

  const replaced = new Replaced();
  const watched = new WeakSet<object>();
  const watchFont = (font: Any) => {
    if (!font || watched.has(font)) return;
    watched.add(font);
    const encode = font.encode;
    replaced.set(font, 'encode', function (this: Any, text: unknown, features: unknown) {
      const encoded = encode.call(this, text, features);
      if (features !== undefined || typeof text !== 'string') replayable = false;
      fonts[this.id] = this.name;
      steps.push(['encode', this.id, String(text), encoded[0].join(' ')]);
      return encoded;
    });
  };
  for (const font of openFonts(doc)) watchFont(font);

  const { addContent, font, _doOpacity: doOpacity, ref } = doc;
  replaced.set(doc, 'addContent', function (this: Any, data: unknown) {
    if (typeof data === 'string') content.push(data);
    else replayable = false;
    return addContent.call(this, data);
  });
  replaced.set(doc, 'font', function (this: Any, ...args: unknown[]) {
    const result = font.apply(this, args);
    // svg-to-pdfkit opens a label's font by the file pdfmake's fontCallback names.
    if (args.length !== 1 || !fontFilesOf(doc).has(args[0] as string)) replayable = false;
    steps.push(['font', String(args[0]), this._font.id]);
    fonts[this._font.id] = this._font.name;
    watchFont(this._font);
    return result;
  });
  replaced.set(doc, '_doOpacity', function (this: Any, fill: number | null, stroke: number | null) {
    // JSON keeps no undefined, and pdfkit keys a state by both values as text ("undefined_1" is not "null_1").
    if ((fill != null || stroke != null) && (fill === undefined || stroke === undefined)) replayable = false;
    const n = content.length;
    const result = doOpacity.call(this, fill, stroke);
    steps.push(['opacity', fill ?? null, stroke ?? null, content.length > n ? content[content.length - 1] : '']);
    return result;
  });
  replaced.set(doc, 'ref', function (this: Any, ...args: unknown[]) {
    refs++;
    return ref.apply(this, args);
  });
  // svg-to-pdfkit puts a font in the page's resources itself: `if (!doc.page.fonts[id]) doc.page.fonts[id] = font.ref()`.
  watchPageFonts(page, replaced, (name) => steps.push(['pageFont', name]), (name, value) => {
    if (value !== fontNamed(doc, name)?.dictionary) replayable = false;
  });

  try {
    draw();
  } finally {
    replaced.undo();
  }

  if (!replayable || !before.unchanged()) return undefined;
  // Every operator went through addContent, one line each.
  if (page.content.uncompressedLength - length !== content.reduce((n, s) => n + s.length + 1, 0)) return undefined;
  // The only objects made: fonts' first references and opacity states.
  const made = referenced(openFonts(doc)) - referencedBefore + Object.keys(doc._opacityRegistry).length - opacitiesBefore;
  if (refs !== made) return undefined;
  return { steps, fonts, content: content.join('\n') };
}

/** Draws a chart from its tape: true if each step gave what it gave when recorded, and the operators were written. */
function replay(doc: Any, tape: Tape): boolean {
  const set: string[] = [];
  const font = (id: string) => {
    const f = fontNamed(doc, id);
    return f && f.name === tape.fonts[id] ? f : undefined;
  };
  const replaced = new Replaced();
  // While the steps are made again, the operators they write are set aside (to be checked), not written.
  replaced.set(doc, 'addContent', function (this: Any, data: string) {
    set.push(data);
    return this;
  });
  try {
    for (const step of tape.steps) {
      switch (step[0]) {
        case 'font':
          // A step from disk opens only a font file the document has.
          if (!fontFilesOf(doc).has(step[1])) return false;
          doc.font(step[1]);
          if (doc._font?.id !== step[2] || !font(step[2])) return false;
          break;
        case 'encode': {
          const f = font(step[1]);
          if (!f || f.encode(step[2])[0].join(' ') !== step[3]) return false;
          break;
        }
        case 'pageFont': {
          const f = font(step[1]);
          if (!f) return false;
          if (!doc.page.fonts[step[1]]) doc.page.fonts[step[1]] = f.ref();
          break;
        }
        case 'opacity': {
          const n = set.length;
          doc._doOpacity(step[1], step[2]);
          if ((set.length > n ? set[set.length - 1] : '') !== step[3]) return false;
          break;
        }
      }
    }
  } catch {
    // A step that throws (a tape damaged on disk) is a step that did not give what it gave.
    return false;
  } finally {
    replaced.undo();
  }
  // One write of the lines gives the bytes their writes one by one gave.
  if (tape.content) doc.addContent(tape.content);
  return true;
}

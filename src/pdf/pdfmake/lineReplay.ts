// Lines of text drawn again from what they wrote before (core: pdf/lineTape.ts).
// In a rebuild of `brief watch` nearly every line is the one the last build
// drew, at the same place: pdfmake and pdfkit would join its words, encode its
// glyphs and format its operators again, most of drawing a page.
//
// A plain line (text only: no link, bookmark, page reference, decoration,
// background, spacing or font features; it may be a link's destination) is
// recorded the first time: its operators, the calls whose effects reach past
// them (an opacity state, the page's font resource, a named destination), the
// glyphs they name in each font's subset, and the text state it leaves.
// Drawn again, it is written from its tape if every name still holds: each
// font's name in the PDF, each glyph's id in its subset (a glyph the subset
// lacks gets the next id, as drawing would give it), each opacity state's
// name. All of that is checked before anything is done; else the line is
// drawn, and recorded again. Tapes are kept for the process's next build and,
// with a cache, on disk (out/.cache).
//
// - Renderer.renderLine: the hook, between tagging (which draws each element's
//   run of words through it) and text runs.
// - PDFDocument.addContent, _doOpacity, ref, addNamedDestination: what a
//   recording sees of the document.
import { internals, type Any, type Hooked, type Inline, type Line } from './internals.ts';
import * as crypto from 'node:crypto';
import { BuildMemo } from '../../cache/buildMemo.ts';
import { SplitEntries } from '../../cache/splitEntries.ts';
import type { Cache } from '../../cache/cache.ts';
import { fontDigest } from '../../layout/fonts.ts';
import { asBundled } from '../../bundledSource.ts';
import { glyphIdsIn, glyphsToAdd, isLineTape, isPlain, opacitiesHold, tapeOps, type FontGlyphs, type GlyphToAdd, type LineStep, type LineTape, type Plain } from '../lineTape.ts';
import { documentBefore, openFonts } from './drawingTape.ts';

export const hooked: Hooked[] = [
  // What renderLine draws a plain line from: each inline's place, text, font, size, opacity, colour and shift.
  ['Renderer', 'renderLine', 'shiftToBaseline = lineHeight - inline.font.ascender'],
  ['Renderer', 'renderLine', '* inline.fontSize - descent'],
  ['Renderer', 'renderLine', 'this.pdfDocument.opacity(opacity)'],
  ['Renderer', 'renderLine', 'this.pdfDocument.fill(this.pdfDocument.resolveColor(inline.color'],
  ['Renderer', 'renderLine', 'let shiftedY = offsetText(y + shiftToBaseline, inline)'],
  ['Renderer', 'renderLine', 'this.pdfDocument.text(inline.text, x + inline.x, shiftedY, options)'],
  // pdfkit's, under pdfmake's document: a text object's effects besides its operators.
  // Before each text object, its font in the page's resources; then BT, Tm, and the font's Tf (lineTape.ts: tapeOps).
  ['PDFDocument', '_fragment', 'this.page.fonts[this._font.id] = this._font.ref()'],
  ['PDFDocument', '_fragment', 'this.addContent(`1 0 0 1 ${number(x)} ${number(y)} Tm`)'],
  ['PDFDocument', '_fragment', 'this.addContent(`/${this._font.id} ${number(this._fontSize)} Tf`)'],
  ['PDFDocument', '_fragment', '[encoded, positions] = this._font.encode(text, options.features)'],
  ['PDFDocument', 'fillColor', 'this._fillColor = [color, opacity]'],
  ['PDFDocument', '_doOpacity', 'this.page.ext_gstates[name] = dictionary'],
  ['PDFDocument', '_fragment', 'this.addNamedDestination(options.destination'],
  ['PDFDocument', 'addNamedDestination', 'this._root.data.Names.data.Dests.add(name, args)'],
  ['PDFDocument', 'addContent', 'this.page.write(data)'],
];

/**
 * pdfkit's font encode and fontkit's subset, as a tape relies on them: a new
 * glyph gets the next id, and its width and text are recorded once. They are
 * not pdfmake's classes, so they are checked on the first font a build draws.
 */
const FONT_FRAGMENTS = ['gid = this.subset.includeGlyph(glyph.id)', 'this.widths[gid] == null', 'this.unicode[gid] = glyph.codePoints'];
const SUBSET_FRAGMENTS = ['this.mapping[glyph] == null', 'this.glyphs.push(glyph)', 'this.mapping[glyph] = this.glyphs.length - 1'];

/** Tapes kept for the process's next build (brief watch). */
const tapes = new BuildMemo<LineTape>();
/** Tapes kept on disk (out/.cache), under a digest of the document's font files. */
const stored = new SplitEntries('line-tapes', isLineTape, 200);
/** The document being drawn: its cache, whether the process keeps tapes, and the document whose digest the store was opened for. */
let active: { cache: Cache | undefined; keeping: boolean; doc?: object } | undefined;

/** Called before a document renders (its cache, if any; whether the process keeps tapes for a next build), and after it with undefined. */
export function replayLinesWith(cache: Cache | undefined, rebuilds = false): void {
  active = cache || rebuilds ? { cache, keeping: rebuilds } : undefined;
}

/** Ends a build: the tapes it drew from or recorded are kept for the next, and, if it `rendered` and recorded any, on disk. */
export function endLineBuild(rendered: boolean): void {
  tapes.endBuild();
  stored.end(rendered);
}

function findTape(doc: Any, key: string): LineTape | undefined {
  const kept = active!.keeping ? tapes.find(key) : undefined;
  if (kept || !active!.cache) return kept;
  if (active!.doc !== doc) {
    active!.doc = doc;
    stored.begin(active!.cache, fontsDigest(doc));
  }
  const onDisk = diskKey(key);
  const tape = stored.find(onDisk);
  if (tape) diskKeys.set(tape, onDisk);
  return tape;
}

function keepTape(key: string, tape: LineTape, fresh: boolean): void {
  if (active!.keeping) tapes.set(key, tape);
  if (!active!.cache) return;
  let onDisk = diskKeys.get(tape);
  if (!onDisk) diskKeys.set(tape, (onDisk = diskKey(key)));
  stored.use(onDisk, tape, fresh);
}

/**
 * A tape's key on disk: its hash (a key holds a line's text and numbers, 1.6 KB
 * as JSON). Node's one-shot hash (20.12 and later) took 1 µs a line where a
 * hash object took 20: 13 ms of a fresh build.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64') => string }).hash;
const diskKey = (key: string): string =>
  oneShot ? oneShot('sha256', key, 'base64') : crypto.createHash('sha256').update(key).digest('base64');
/** Each tape's key on disk, made once: watch finds the same tape build after build. */
const diskKeys = new WeakMap<LineTape, string>();

/** The document's font files by family and face, hashed: tapes name fonts by PostScript name and glyphs by id. */
function fontsDigest(doc: Any): string {
  const fonts = doc.fonts as Record<string, Record<string, unknown>>;
  const files = Object.entries(fonts).map(([family, faces]) => [family, Object.entries(faces).map(([face, file]) => [face, typeof file === 'string' ? fontDigest(file) : null])]);
  return crypto.createHash('sha256').update(JSON.stringify(files)).digest('hex');
}

/** The line being recorded: its operators and calls, in order, the objects made, and whether it did what a tape cannot hold. */
let recording: { ops: (string | LineStep)[]; refs: number; spoiled: boolean } | undefined;

export function install(): void {
  const R = internals.Renderer().prototype;
  const renderLine = R.renderLine;
  R.renderLine = function (this: Any, line: Line, x: number, y: number) {
    const doc = this.pdfDocument;
    const key = active && !doc._briefWordsApart && !recording ? keyOf(line, x, y, doc.page.height) : undefined;
    if (key === undefined) return renderLine.call(this, line, x, y);
    const tape = findTape(doc, key);
    if (tape && replay(doc, tape)) {
      keepTape(key, tape, false);
      return undefined;
    }
    const recorded = record(doc, () => renderLine.call(this, line, x, y));
    if (recorded) keepTape(key, recorded, true);
    return undefined;
  };

  // What a recording sees of the document, on its class, not on each document:
  // members set on a document and then deleted would make V8 look up all of its members slower.
  const PD = internals.PDFDocument().prototype;
  const { addContent, _doOpacity: doOpacity, ref, addNamedDestination } = PD;
  PD.addNamedDestination = function (this: Any, name: unknown, ...args: unknown[]) {
    // Recorded as given: pdfkit turns y into the page's coordinates as it adds the destination.
    if (recording && typeof name === 'string' && args.every(isPlain)) recording.ops.push(['destination', name, args as Plain[]]);
    else if (recording) recording.spoiled = true;
    return addNamedDestination.call(this, name, ...args);
  };
  PD.addContent = function (this: Any, data: unknown) {
    if (recording && typeof data === 'string') recording.ops.push(data);
    else if (recording) recording.spoiled = true;
    return addContent.call(this, data);
  };
  PD._doOpacity = function (this: Any, fill: number | null | undefined, stroke: number | null | undefined) {
    const r = recording;
    if (!r) return doOpacity.call(this, fill, stroke);
    const mark = r.ops.length;
    const result = doOpacity.call(this, fill, stroke);
    // Its operator is the step's; JSON keeps no undefined, and pdfkit keys a state by both values
    // as text ("undefined_1" is not "null_1"), so only null stands for none.
    const written = r.ops.splice(mark);
    if (written.length > 1 || typeof (written[0] ?? '') !== 'string') r.spoiled = true;
    if ((fill != null || stroke != null) && (fill === undefined || stroke === undefined)) r.spoiled = true;
    r.ops.push(['opacity', fill ?? null, stroke ?? null, (written[0] as string | undefined) ?? '']);
    return result;
  };
  PD.ref = function (this: Any, ...args: unknown[]) {
    if (recording) recording.refs++;
    return ref.apply(this, args);
  };
}

/**
 * What a plain line's drawing depends on, besides the fonts, glyphs and states
 * a tape checks: its place, height and baseline, the page's height (pdfkit
 * flips y), and each word's text, place, width, font, size, colour, opacity
 * and shift; undefined for a line that is not plain. The numbers go in as
 * their bytes: formatting each as text took half of drawing a line again.
 */
function keyOf(line: Line, x: number, y: number, pageHeight: number): string | undefined {
  if ((line.id !== undefined && typeof line.id !== 'string') || line._outline || line._pageNodeRef) return undefined;
  const inlines = line.inlines;
  if (numbers.length < 5 + 3 * inlines.length) numbers = new Float64Array(2 * (5 + 3 * inlines.length));
  numbers[0] = pageHeight;
  numbers[1] = x;
  numbers[2] = y;
  numbers[3] = line.getHeight();
  numbers[4] = line.getAscenderHeight();
  let n = 5;
  let words = '';
  for (const i of inlines) {
    if (!plain(i)) return undefined;
    numbers[n++] = i.x;
    numbers[n++] = i.width;
    numbers[n++] = i.fontSize;
    // Undefined apart from any string: pdfmake draws a word with no colour black, and one with no opacity opaque.
    words += `${i.font.name}\u0001${i.color === undefined ? '\u0002' : i.color}\u0001${i.opacity === undefined ? '\u0002' : i.opacity}\u0001${i.sup}\u0001${i.sub}\u0001${i.text}\u0000`;
  }
  // The line's id: its first text object is a named destination.
  return `${line.id ?? '\u0002'}\u0000${words}${Buffer.from(numbers.buffer, 0, n * 8).toString('latin1')}`;
}

let numbers = new Float64Array(64);

function plain(i: Inline): boolean {
  return !i.link && !i.linkToDestination && !i.linkToPage && !i._pageNodeRef && !i.decoration && !i.background
    && !i.characterSpacing && !i.fontFeatures && typeof i.font?.name === 'string' && typeof i.fontSize === 'number'
    && (i.color === undefined || typeof i.color === 'string') && (i.opacity === undefined || typeof i.opacity === 'number')
    && typeof i.sup !== 'object' && typeof i.sub !== 'object';
}

/** The document's fields a line's drawing may change: its text state, counters and the objects made and written. */
const SET_BY_LINE = new Set(['x', 'y', '_font', '_fontSize', '_fillColor', '_opacityCount', '_offsets', '_offset', '_waiting']);

const checked = new WeakSet<object>();

/** Whether pdfkit's encode and fontkit's subset are as a tape relies on (checked once per class). */
function fontAsRelied(font: Any): boolean {
  const proto = Object.getPrototypeOf(font);
  const subsetProto = Object.getPrototypeOf(font.subset ?? {});
  if (checked.has(proto) && checked.has(subsetProto)) return true;
  const has = (fn: unknown, fragments: string[]) => typeof fn === 'function' && fragments.every((f) => asBundled(String(fn)).includes(asBundled(f)));
  // The class's own encode: a build's own wrappers (text runs) sit on the font itself.
  if (!has(proto.encode, FONT_FRAGMENTS) || !has(subsetProto.includeGlyph, SUBSET_FRAGMENTS)) return false;
  checked.add(proto);
  checked.add(subsetProto);
  return true;
}

/** Draws the line, recording it; undefined if the drawing did anything a tape does not hold. */
function record(doc: Any, draw: () => void): LineTape | undefined {
  const page = doc.page;
  const before = documentBefore(doc, SET_BY_LINE);
  const length = page.content.uncompressedLength;
  const fonts = openFonts(doc);
  const sizes = new Map(fonts.map((f) => [f, f.subset?.glyphs.length]));
  const referenced = () => fonts.filter((f) => f.dictionary).length;
  const referencedBefore = referenced();
  const opacitiesBefore = Object.keys(doc._opacityRegistry).length;
  const pageFonts = () => Object.keys(page.resources.data.Font ?? {});
  const pageFontsBefore = pageFonts();

  const r: NonNullable<typeof recording> = { ops: [], refs: 0, spoiled: false };
  recording = r;
  try {
    draw();
  } finally {
    recording = undefined;
  }

  if (r.spoiled || !before.unchanged()) return undefined;
  const operators = r.ops.filter((op): op is string => typeof op === 'string');
  // Every operator went through addContent, one line each (an opacity state's in its step).
  const written = r.ops.reduce((n, op) => n + (typeof op === 'string' ? op.length + 1 : op[0] === 'opacity' && op[3] ? op[3].length + 1 : 0), 0);
  if (page.content.uncompressedLength - length !== written) return undefined;
  // The only objects made: fonts' first references and opacity states.
  if (r.refs !== referenced() - referencedBefore + Object.keys(doc._opacityRegistry).length - opacitiesBefore) return undefined;
  // Text objects are as pdfkit's _fragment writes them (BT, Tm, Tf).
  const ops = tapeOps(r.ops);
  const used = glyphIdsIn(operators);
  if (!ops || !used) return undefined;
  const named = new Set(ops.flatMap((op) => (typeof op !== 'string' && op[0] === 'pageFont' ? [op[1]] : [])));
  // The page's fonts the line added are fonts its text objects name.
  if (pageFonts().some((id) => !pageFontsBefore.includes(id) && !named.has(id))) return undefined;

  const tapeFonts: Record<string, string> = {};
  const glyphs: Record<string, FontGlyphs> = {};
  for (const id of new Set([...named, ...used.keys()])) {
    const font = fonts.find((f) => f.id === id);
    const ids = used.get(id);
    // A text object in a font the document had not opened, or with no glyphs: not a line a tape holds.
    if (!font || !ids || !named.has(id) || !fontAsRelied(font)) return undefined;
    tapeFonts[id] = font.name;
    const size = sizes.get(font);
    const subset = font.subset;
    const kept: number[] = [];
    const added: number[][] = [];
    for (const glyphId of ids) {
      if (glyphId >= subset.glyphs.length) return undefined;
      if (glyphId < size) kept.push(subset.glyphs[glyphId], glyphId);
      else added.push([subset.glyphs[glyphId], glyphId, font.widths[glyphId], font.unicode[glyphId].length, ...font.unicode[glyphId]]);
    }
    // Every glyph the line added is one its operators name.
    if (added.length !== subset.glyphs.length - size) return undefined;
    glyphs[id] = { kept, added: added.sort((a, b) => a[1] - b[1]).flat() };
  }
  // No font's subset grew but those the tape names.
  if (fonts.some((f) => !named.has(f.id) && f.subset?.glyphs.length !== sizes.get(f))) return undefined;
  const fill = doc._fillColor;
  const state = doc._font;
  if (!Array.isArray(fill) || fill.length !== 2 || typeof fill[0] !== 'string' || (fill[1] !== undefined && typeof fill[1] !== 'number')) return undefined;
  if (!state || !tapeFonts[state.id] || typeof doc.x !== 'number' || typeof doc.y !== 'number' || typeof doc._fontSize !== 'number') return undefined;
  return { fonts: tapeFonts, glyphs, ops, after: [doc.x, doc.y, state.id, doc._fontSize, fill[0], fill[1] ?? null] };
}

/** The document's fonts by their names in the PDF, looked up for every line drawn from a tape. */
const fontsOf = new WeakMap<object, Map<string, Any>>();

function fontById(doc: Any, id: string): Any {
  let byId = fontsOf.get(doc);
  if (!byId?.has(id)) fontsOf.set(doc, (byId = new Map(openFonts(doc).map((f) => [f.id, f]))));
  return byId.get(id);
}

/** Draws a line from its tape: true if every name it holds still holds (checked before anything is done), and it was written. */
function replay(doc: Any, tape: LineTape): boolean {
  const fonts = new Map<string, Any>();
  for (const id in tape.fonts) {
    const font = fontById(doc, id);
    if (!font || font.name !== tape.fonts[id] || !fontAsRelied(font)) return false;
    fonts.set(id, font);
  }
  const adds: [Any, GlyphToAdd[]][] = [];
  for (const id in tape.glyphs) {
    const font = fonts.get(id);
    const add = glyphsToAdd(font.subset, tape.glyphs[id]);
    if (!add) return false;
    if (add.length) adds.push([font, add]);
  }
  const registry = doc._opacityRegistry as Record<string, [unknown, string]>;
  if (!opacitiesHold(tape.ops, (key) => registry[key]?.[1], doc._opacityCount)) return false;

  for (const op of tape.ops) {
    if (typeof op === 'string') doc.addContent(op);
    else if (op[0] === 'opacity') doc._doOpacity(op[1], op[2]);
    else if (op[0] === 'destination') doc.addNamedDestination(op[1], ...op[2]);
    else if (doc.page.fonts[op[1]] == null) doc.page.fonts[op[1]] = fonts.get(op[1]).ref();
  }
  for (const [font, add] of adds) {
    for (const { glyph, id, width, codePoints } of add) {
      font.subset.includeGlyph(glyph);
      font.widths[id] = width;
      font.unicode[id] = codePoints;
    }
  }
  const [x, y, font, fontSize, color, opacity] = tape.after;
  doc.x = x;
  doc.y = y;
  doc._font = fonts.get(font);
  doc._fontSize = fontSize;
  doc._fillColor = [color, opacity ?? undefined];
  return true;
}

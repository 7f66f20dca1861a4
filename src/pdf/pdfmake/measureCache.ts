// Measured paragraphs, kept (core: layout/measuredLeaves.ts): DocMeasure
// measures a paragraph once per text, inherited style values and document
// styles and fonts; a later build of the same paragraph, in this process or
// (with out/.cache) the next, gets new words unpacked from the kept ones, and
// asks for the same fonts in the same order, so the PDF is the same.
//
// - DocMeasure.measureLeaf: the hook.
// - TextInlines.measure: asks the document for each word's font (provideFont),
//   the one side effect of measuring, replayed on a hit.
import { createHash } from 'node:crypto';
import { internals, type Any, type Hooked } from './internals.ts';
import { MEASURED_PROPERTIES, Shapes, isPackedLeaf, isStoredLeaves, packLeaf, renumberLeaf, unpackLeaf, type FontRequest, type PackedLeaf } from '../../layout/measuredLeaves.ts';
import { BuildMemo } from '../../cache/buildMemo.ts';
import { fontDigest } from '../../layout/fonts.ts';
import type { Cache } from '../../cache/cache.ts';

export const hooked: Hooked[] = [
  ['DocMeasure', 'measureLeaf', 'this.textInlines.buildInlines(node.text, styleStack)'],
  ['DocMeasure', 'measureLeaf', 'node._textRef._textNodeRef.text'],
  ['TextInlines', 'measure', 'this.pdfDocument.provideFont(font, bold, italics)'],
];

/** Word shapes of every paragraph this process has packed. */
const shapes = new Shapes();
/** Packed paragraphs by document digest and paragraph key, kept one build back. */
const memo = new BuildMemo<PackedLeaf | null>();
/** What out/.cache holds for a document digest, as this process knows it. */
const fromDisk = new Map<string, { main: Stored; added: Stored }>();
/** The document being rendered: its cache, and the paragraphs it used (kept on disk if any was new). */
let active: { cache: Cache | undefined; keeping: boolean; digest?: string; used: Map<string, PackedLeaf>; fresh: boolean } | undefined;
const digests = new WeakMap<object, string | null>();

/**
 * Called before a document renders (its cache, if any; whether the process
 * keeps paragraphs for a next build), and with null after it. With neither,
 * nothing is kept: pdfmake measures as it would.
 */
export function measureWith(cache: Cache | undefined | null, rebuilds = false): void {
  active = cache === null || (!cache && !rebuilds) ? undefined : { cache, keeping: rebuilds, used: new Map(), fresh: false };
}

/**
 * On disk, a document's paragraphs are a main entry (670 KB for the paper) and
 * a small one of the paragraphs its builds have used since that was written:
 * an edit rewrites the small one, and the main one (then only with the
 * paragraphs in use) once the small one holds more than this many.
 */
const ADDED_LIMIT = 40;

/** Called after a document rendered: with a cache, its paragraphs are kept on disk if any was measured anew. */
export function keepMeasured(): void {
  if (!active?.cache || !active.digest || !active.fresh) return;
  const { cache, digest, used } = active;
  const view = disk(digest);
  const added = [...used].filter(([key]) => !Object.hasOwn(view.main.leaves, key));
  if (!Object.keys(view.main.leaves).length || added.length > ADDED_LIMIT) {
    const leaves = Object.fromEntries(used);
    cache.write('measured', digest, { shapes: shapes.list, leaves });
    cache.write('measured-added', digest, { shapes: [], leaves: {} });
    // What the cache now holds, numbered as this process numbers shapes.
    view.main = { leaves, shapeCount: shapes.size };
    view.added = { leaves: {}, shapeCount: 0 };
    return;
  }
  // The small entry names only its own shapes.
  const own = new Shapes();
  const renumbered = added.map(([key, leaf]) => [key, renumberLeaf(leaf, (shape) => own.intern(shapes.list[shape]))]);
  cache.write('measured-added', digest, { shapes: own.list, leaves: Object.fromEntries(renumbered) });
  view.added = { leaves: Object.fromEntries(added), shapeCount: shapes.size };
}

/** Ends a build: its paragraphs are kept for the next one. */
export function endMeasureBuild(): void {
  memo.endBuild();
}

export function install(): void {
  const DM = internals.DocMeasure().prototype;
  const StyleContextStack = internals.StyleContextStack();
  const measureLeaf = DM.measureLeaf;
  DM.measureLeaf = function (this: Any, node: Any) {
    const digest = active && documentDigest(this);
    const key = digest ? leafKey(this, node, StyleContextStack) : undefined;
    if (!digest || key === undefined) return measureLeaf.call(this, node);
    const full = `${digest}\n${key}`;
    let measured: Any;
    const fromCache = () => {
      const stored = storedLeaf(digest, key);
      if (stored) return stored;
      measured = measureRecordingFonts(this, node, measureLeaf);
      active!.fresh = true;
      return packLeaf({ fonts: measured.requests, words: measured.words, minWidth: node._minWidth, maxWidth: node._maxWidth }, shapes) ?? null;
    };
    const packed = active!.keeping ? memo.get(full, fromCache) : fromCache();
    if (packed && active!.cache) active!.used.set(key, packed);
    if (measured) return node;
    if (!packed) return measureLeaf.call(this, node);
    const leaf = unpackLeaf(packed, shapes);
    const fonts = leaf.fonts.map(([family, bold, italics]) => this.pdfDocument.provideFont(family, bold, italics));
    for (const word of leaf.words) word.font = fonts[word.font as number];
    node._inlines = leaf.words;
    node._minWidth = leaf.minWidth;
    node._maxWidth = leaf.maxWidth;
    return node;
  };
}

/** Measures as pdfmake does, noting the fonts it asks for; each word's font becomes its index in them. */
function measureRecordingFonts(measure: Any, node: Any, measureLeaf: Any): { requests: FontRequest[]; words: Record<string, unknown>[] } {
  const doc = measure.pdfDocument;
  const requests: FontRequest[] = [];
  const fonts: unknown[] = [];
  const provideFont = doc.provideFont;
  const own = Object.hasOwn(doc, 'provideFont');
  doc.provideFont = function (this: Any, family: string, bold: boolean, italics: boolean) {
    const font = provideFont.call(this, family, bold, italics);
    if (!fonts.includes(font)) {
      fonts.push(font);
      requests.push([family, !!bold, !!italics]);
    }
    return font;
  };
  try {
    measureLeaf.call(measure, node);
  } finally {
    if (own) doc.provideFont = provideFont;
    else delete doc.provideFont;
  }
  const words = (node._inlines as Record<string, unknown>[]).map((word) => {
    const at = fonts.indexOf(word.font);
    // A font measuring did not ask for: unknown to the replay, so packLeaf is given a value it refuses.
    return { ...word, font: at >= 0 ? at : undefined };
  });
  return { requests, words };
}

/**
 * What a paragraph's measure depends on besides the document: the style values
 * it inherits (its own included) and its text with each run's properties.
 * Undefined (measured each time) for a page reference, whose text the layout
 * fills in, or a run JSON cannot hold.
 */
function leafKey(measure: Any, node: Any, StyleContextStack: Any): string | undefined {
  if (node._textRef) return undefined;
  const inherited = MEASURED_PROPERTIES.map((p) => StyleContextStack.getStyleProperty(node, measure.styleStack, p, undefined) ?? null);
  try {
    return JSON.stringify([inherited, node.text], (k, v) => {
      if (k.startsWith('_') || typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') throw new Error('not plain');
      return v;
    });
  } catch {
    return undefined;
  }
}

/** The document's styles, default style and font files, hashed: null if they cannot be (then nothing is kept). */
function documentDigest(measure: Any): string | undefined {
  let digest = digests.get(measure);
  if (digest === undefined) {
    try {
      const stack = measure.styleStack;
      const fonts = measure.pdfDocument.fonts as Record<string, Record<string, unknown>>;
      // Fonts given as files (a brief's always are): a font given otherwise leaves nothing to key by, and nothing is kept.
      const files = Object.entries(fonts).map(([family, faces]) => [family, Object.entries(faces).map(([face, file]) => {
        if (typeof file !== 'string') throw new Error('a font that is not a file');
        return [face, fontDigest(file)];
      })]);
      digest = createHash('sha256').update(JSON.stringify({ styles: stack.styleDictionary, defaultStyle: stack.defaultStyle, files })).digest('hex');
    } catch {
      digest = null;
    }
    digests.set(measure, digest);
  }
  if (digest && active) active.digest = digest;
  return digest ?? undefined;
}

/** A store as read from out/.cache: its paragraphs, and its shape numbers in this process's. */
interface Stored { leaves: Record<string, unknown>; shapeCount: number; renumber?: number[] }

/** A document digest's two entries on disk, read once a process. */
function disk(digest: string): { main: Stored; added: Stored } {
  let view = fromDisk.get(digest);
  if (!view) {
    view = { main: read('measured', digest), added: read('measured-added', digest) };
    if (active?.cache) fromDisk.set(digest, view);
  }
  return view;
}

/** An entry's paragraphs; its shapes keep their numbers when they are the process's already (the first entry read), else are renumbered. */
function read(namespace: string, digest: string): Stored {
  const value = active?.cache?.read<unknown>(namespace, digest);
  if (!isStoredLeaves(value)) return { leaves: {}, shapeCount: 0 };
  const renumber = value.shapes.map((shape) => shapes.intern(shape));
  return { leaves: value.leaves, shapeCount: value.shapes.length, renumber: renumber.every((n, i) => n === i) ? undefined : renumber };
}

/** A paragraph out/.cache keeps for a document digest, checked when first used (a damaged one is measured again). */
function storedLeaf(digest: string, key: string): PackedLeaf | undefined {
  const view = disk(digest);
  for (const stored of [view.added, view.main]) {
    const leaf = Object.hasOwn(stored.leaves, key) ? stored.leaves[key] : undefined;
    if (!isPackedLeaf(leaf, stored.shapeCount)) continue;
    const renumber = stored.renumber;
    return renumber ? renumberLeaf(leaf, (shape) => renumber[shape]) : leaf;
  }
  return undefined;
}

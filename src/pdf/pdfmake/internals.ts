// pdfmake 0.3.11's internal classes, loaded by deep import, with the few
// typed shapes the hooks touch. Only src/pdf/pdfmake/ may use this module.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's internals are untyped */
export type Any = any;

export const PDFMAKE_VERSION = '0.3.11';

export const internals = {
  LayoutBuilder: () => require('pdfmake/js/LayoutBuilder.js').default,
  PageElementWriter: () => require('pdfmake/js/PageElementWriter.js').default,
  ElementWriter: () => require('pdfmake/js/ElementWriter.js').default,
  DocumentContext: () => require('pdfmake/js/DocumentContext.js').default,
  DocMeasure: () => require('pdfmake/js/DocMeasure.js').default,
  TextInlines: () => require('pdfmake/js/TextInlines.js').default,
  PDFDocument: () => require('pdfmake/js/PDFDocument.js').default,
  Renderer: () => require('pdfmake/js/Renderer.js').default,
  Line: () => require('pdfmake/js/Line.js').default,
  StyleContextStack: () => require('pdfmake/js/StyleContextStack.js').default,
  SVGMeasure: () => require('pdfmake/js/SVGMeasure.js').default,
};

export type InternalClass = keyof typeof internals;

/** A hooked member (of the prototype, or `static name` of the class) and a fragment of its source that the hook relies on. */
export type Hooked = [InternalClass, string, string];

/** A word (or run) of a laid-out line, as pdfmake's TextInlines makes it. */
export interface Inline {
  text: string;
  x: number;
  width: number;
  height: number;
  font: Any;
  fontSize: number;
  link?: string;
  linkToDestination?: string;
  /** Our keys, copied by pdfmake from the definition's runs onto every word. */
  noteRef?: number;
  noteNumber?: number;
  tag?: string;
  _softBreak?: boolean;
  _hyphenDrawn?: boolean;
  [key: string]: unknown;
}

/** A laid-out line (pdfmake's Line). */
export interface Line {
  inlines: Inline[];
  x: number;
  y: number;
  id?: string;
  _outline?: unknown;
  _pageNodeRef?: unknown;
  getHeight(): number;
  getAscenderHeight(): number;
  getWidth(): number;
  [key: string]: unknown;
}

/**
 * A line to draw with other inlines: what pdfmake's renderer and text
 * decorator read of a line (its height and baseline stay the whole line's),
 * with `first` false for a part after the first (a bookmark, destination or
 * page reference belongs to the first only). A plain object, not one made
 * with the line as its prototype: V8 turns each object used as a prototype
 * into a slower kind, and this runs for every part of every line.
 */
export function lineWith(line: Line, inlines: Inline[], first = true): Line {
  const height = line.getHeight();
  const ascender = line.getAscenderHeight();
  return {
    inlines, x: line.x, y: line.y,
    id: first ? line.id : undefined,
    _outline: first ? line._outline : undefined,
    _pageNodeRef: first ? line._pageNodeRef : undefined,
    getHeight: () => height,
    getAscenderHeight: () => ascender,
    getWidth: () => line.getWidth(),
  };
}

/** A page as the layout leaves it for the renderer. */
export interface Page {
  items: { type: 'line' | 'vector' | 'svg' | 'image' | string; item: Any }[];
  pageSize: { width: number; height: number };
  pageMargins: { left: number; top: number; right: number; bottom: number };
}

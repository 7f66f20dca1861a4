// Splits a built brief's text into what a reader sees: body prose, note
// markers and note texts, told apart by type size.
import type { PdfText, TextItem } from './readPdf.ts';
import { joinText } from './readPdf.ts';
import { type } from '../../src/layout/theme.ts';

const near = (a: number, b: number) => Math.abs(a - b) < 0.1;

export const isBody = (i: TextItem) => near(i.size, type.body.fontSize);
/** pdfmake draws `sup` at 0.58 of the surrounding size. */
export const isMarker = (i: TextItem) => near(i.size, type.body.fontSize * 0.58);
export const isNote = (i: TextItem) => near(i.size, type.note.fontSize);

/** The prose without its note markers (the spaces pdf.js reports beside a marker stay). */
export function bodyText(pdf: PdfText): string {
  return joinText(pdf.items.filter((i) => isBody(i) || (isMarker(i) && !/\d/.test(i.text))));
}

export function markers(pdf: PdfText): number[] {
  return pdf.items.filter((i) => isMarker(i) && /^\d+$/.test(i.text)).map((i) => Number(i.text));
}

/**
 * Text with hyphens between letters dropped, on both sides of a comparison:
 * a line-end hyphen drawn at a soft break ("re-" / "main") then matches the
 * source word, while a stray space inside a word still does not.
 */
export function comparable(s: string): string {
  return s.replace(/-(?=\p{L})/gu, '');
}

export function noteText(pdf: PdfText): string {
  return joinText(pdf.items.filter(isNote));
}

/**
 * Each note's printed text by number (index 0 unused): a note starts at its
 * number set at the left margin, and a note split at a page foot runs on into
 * the next page's notes until the next number.
 */
export function printedNotes(pdf: PdfText, leftMargin: number): string[] {
  const notes: TextItem[][] = [[]];
  for (const i of pdf.items.filter(isNote)) {
    if (Math.abs(i.x - leftMargin) < 0.5 && i.text === String(notes.length)) notes.push([]);
    else notes[notes.length - 1].push(i);
  }
  return notes.map(joinText);
}

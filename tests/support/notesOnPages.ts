// Reads back, page by page, which note markers the text carries and which
// notes start at the foot: the evidence that notes sit where they are cited.
import type { PdfText, TextItem } from './readPdf.ts';
import { isMarker, isNote } from './briefText.ts';
import { page as geometry } from '../../src/layout/theme.ts';

export interface PageNotes {
  page: number;
  markers: number[];
  noteStarts: number[];
  /** Lowest baseline of body text, and highest of note text. */
  bodyBottom: number;
  notesTop: number;
}

const atMargin = (i: TextItem) => Math.abs(i.x - geometry.margins.left) < 0.5;

export function notesOnPages(pdf: PdfText, isBodyText: (i: TextItem) => boolean): PageNotes[] {
  const out: PageNotes[] = [];
  for (let p = 1; p <= pdf.pages; p++) {
    const items = pdf.items.filter((i) => i.page === p);
    const notes = items.filter(isNote);
    const body = items.filter(isBodyText);
    out.push({
      page: p,
      markers: items.filter((i) => isMarker(i) && /^\d+$/.test(i.text)).map((i) => Number(i.text)),
      noteStarts: notes.filter((i) => atMargin(i) && /^\d+$/.test(i.text)).map((i) => Number(i.text)),
      bodyBottom: Math.max(0, ...body.map((i) => i.y)),
      notesTop: Math.min(Infinity, ...notes.map((i) => i.y - i.size)),
    });
  }
  return out;
}

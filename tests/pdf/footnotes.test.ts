// Notes at the foot of the page that cites them, read back from the PDF.
import { beforeAll, describe, expect, test } from 'vitest';
import { buildProject } from '../../src/pipeline.ts';
import { loadProject } from '../../src/load/loadProject.ts';
import { scaleProject, withLongNote } from '../../bench/synthetic.ts';
import { readPdf, type PdfText } from '../support/readPdf.ts';
import { isBody, isNote, noteText } from '../support/briefText.ts';
import { notesOnPages, type PageNotes } from '../support/notesOnPages.ts';
import { ROOT } from '../support/project.ts';
import { shared } from '../support/shared.ts';
import { page as geometry } from '../../src/layout/theme.ts';

const sequence = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function expectNotesWithTheirMarkers(pages: PageNotes[], total: number) {
  for (const p of pages) {
    expect(p.noteStarts, `page ${p.page}: notes starting at the foot`).toEqual(p.markers);
    if (p.noteStarts.length) expect(p.bodyBottom, `page ${p.page}: text runs into the notes`).toBeLessThan(p.notesTop);
  }
  expect(pages.flatMap((p) => p.markers)).toEqual(sequence(total));
}

describe('the brief', () => {
  const { text: pdf, pdf: bytes } = shared();

  test('sets every note at the foot of the page that cites it', () => {
    expectNotesWithTheirMarkers(notesOnPages(pdf, isBody), 58);
  });

  test('keeps notes inside the text block, above the footer', () => {
    const bottom = pdf.pageHeight - geometry.margins.bottom;
    for (const i of pdf.items.filter(isNote)) expect(i.y).toBeLessThanOrEqual(bottom + 0.5);
  });

  test('links each marker to its note, and each note’s number back to its marker’s line', async () => {
    const goTos = pdf.links.filter((l) => typeof l.dest === 'string').map((l) => l.dest as string);
    for (const n of sequence(58)) expect(goTos).toContain(`note-${n}`);
    const backs = [...new Set(goTos.filter((d) => d.startsWith('ref-')))];
    expect(backs.length).toBeGreaterThanOrEqual(50); // two markers on one line share its target
    const { getDocumentProxy } = await import('unpdf');
    const destinations = await (await getDocumentProxy(new Uint8Array(bytes))).getDestinations();
    for (const d of [...backs, ...sequence(58).map((n) => `note-${n}`)]) expect(destinations, d).toHaveProperty([d]);
  });
});

describe('a long synthetic brief with a note longer than half a page', () => {
  let pdf: PdfText;
  let notes: number;
  beforeAll(async () => {
    const project = withLongNote(scaleProject(loadProject(ROOT), 3), 'bastian-20-copy2', 1100);
    const result = await buildProject(project);
    notes = result.document.notes.length;
    pdf = await readPdf(result.pdf);
  });

  test('still starts every note on its marker’s page, numbered 1 to the end', () => {
    expect(notes).toBe(174);
    expectNotesWithTheirMarkers(notesOnPages(pdf, isBody), notes);
  });

  test('continues the long note on the next page, taking at most half of it', () => {
    const long = pdf.items.filter((i) => isNote(i) && i.text.includes('negotiations over the loan'));
    const pages = [...new Set(long.map((i) => i.page))];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const textBlock = pdf.pageHeight - geometry.margins.top - geometry.margins.bottom;
    for (const p of pages.slice(1)) {
      const part = long.filter((i) => i.page === p);
      const height = Math.max(...part.map((i) => i.y)) - Math.min(...part.map((i) => i.y - i.size));
      expect(height, `page ${p}: continued note`).toBeLessThanOrEqual(textBlock / 2);
    }
    expect(noteText(pdf)).toContain('negotiations over the loan');
  });
});

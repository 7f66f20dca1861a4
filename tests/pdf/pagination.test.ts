// Page breaks as a typesetter makes them, read back from the PDF: no heading
// last on its page, no paragraph leaving one line alone at the foot of a page
// (orphan) or at its head (widow).
import { describe, expect, test } from 'vitest';
import { buildProject } from '../../src/pipeline.ts';
import { loadProject } from '../../src/load/loadProject.ts';
import { scaleProject } from '../../bench/synthetic.ts';
import { readPdf, type PdfText } from '../support/readPdf.ts';
import { isBody, isNote } from '../support/briefText.ts';
import { page, type } from '../../src/layout/theme.ts';
import { ROOT } from '../support/project.ts';
import { shared } from '../support/shared.ts';

interface Line { page: number; y: number; right: number }

const isHeading = (size: number) => Math.abs(size - type.heading.fontSize) < 0.1;

/** Body lines per page, and paragraph groups: runs of lines closer than a paragraph gap. */
function paragraphsByPage(pdf: PdfText): Map<number, Line[][]> {
  const lines = new Map<string, Line>();
  for (const i of pdf.items.filter(isBody)) {
    const key = `${i.page}:${i.y.toFixed(1)}`;
    const line = lines.get(key) ?? { page: i.page, y: i.y, right: 0 };
    line.right = Math.max(line.right, i.x + i.width);
    lines.set(key, line);
  }
  const sorted = [...lines.values()].sort((a, b) => a.page - b.page || a.y - b.y);
  // The line pitch is the commonest distance between neighbouring lines; a paragraph gap is wider.
  const deltas = sorted.slice(1).map((l, i) => (l.page === sorted[i].page ? Math.round(l.y - sorted[i].y) : 0)).filter((d) => d > 0);
  const pitch = Number([...deltas.reduce((m, d) => m.set(d, (m.get(d) ?? 0) + 1), new Map<number, number>())].sort((a, b) => b[1] - a[1])[0][0]);
  const lineHeight = pitch + 3;
  const pages = new Map<number, Line[][]>();
  for (const line of sorted) {
    const groups = pages.get(line.page) ?? [];
    const last = groups[groups.length - 1];
    if (last && line.y - last[last.length - 1].y < lineHeight) last.push(line);
    else groups.push([line]);
    pages.set(line.page, groups);
  }
  return pages;
}

/** A justified line reaches the right margin: the paragraph goes on. */
const continues = (line: Line) => line.right > page.width - page.margins.right - 1;

function expectGoodBreaks(pdf: PdfText) {
  const pages = paragraphsByPage(pdf);
  // The prose starts with the first section heading; the contents page before it is a table.
  const firstSection = Math.min(...pdf.items.filter((i) => isHeading(i.size)).map((i) => i.page));
  const numbers = [...pages.keys()].filter((p) => p >= firstSection).sort((a, b) => a - b);
  for (const p of numbers) {
    const groups = pages.get(p)!;
    const lastGroup = groups[groups.length - 1];
    if (continues(lastGroup[lastGroup.length - 1]) && groups.length > 1) {
      expect(lastGroup.length, `page ${p}: a paragraph leaves one line at the foot (orphan)`).toBeGreaterThanOrEqual(2);
    }
    const previous = p > firstSection ? pages.get(p - 1) : undefined;
    if (previous) {
      const before = previous[previous.length - 1];
      if (continues(before[before.length - 1])) {
        expect(groups[0].length, `page ${p}: a paragraph's last line alone at the head (widow)`).toBeGreaterThanOrEqual(2);
      }
    }
  }
  for (const h of pdf.items.filter((i) => isHeading(i.size))) {
    const below = pdf.items.filter((i) => i.page === h.page && isBody(i) && i.y > h.y);
    expect(new Set(below.map((i) => i.y.toFixed(1))).size, `page ${h.page}: heading “${h.text}” without two lines under it`).toBeGreaterThanOrEqual(2);
  }
}

/** The text of each page's last body line, and of its last note line. */
function pageEnds(pdf: PdfText): { page: number; body?: string; note?: string }[] {
  const out: { page: number; body?: string; note?: string }[] = [];
  const lastLine = (items: PdfText['items']) => {
    if (!items.length) return undefined;
    const y = Math.max(...items.map((i) => i.y));
    return items.filter((i) => Math.abs(i.y - y) < 0.5).sort((a, b) => a.x - b.x).map((i) => i.text).join('');
  };
  for (let p = 1; p <= pdf.pages; p++) {
    const on = pdf.items.filter((i) => i.page === p);
    out.push({ page: p, body: lastLine(on.filter(isBody)), note: lastLine(on.filter(isNote)) });
  }
  return out;
}

/** A line ends inside a word: a letter, then the hyphen drawn at a hyphenation point (URLs and compounds aside). */
const brokenWord = (line = '') => /(^|[\s“‘(])\p{L}+-$/u.test(line.trimEnd()) && !/\/\S*-$/.test(line.trimEnd());

function expectPageEnds(pdf: PdfText) {
  const firstSection = Math.min(...pdf.items.filter((i) => isHeading(i.size)).map((i) => i.page));
  for (const end of pageEnds(pdf)) {
    if (end.page < firstSection) continue;
    expect(end.body, `page ${end.page} has no body text`).toBeDefined();
    expect(brokenWord(end.body), `page ${end.page} ends with a broken word: “${end.body}”`).toBe(false);
    expect(brokenWord(end.note), `page ${end.page}'s notes end with a broken word: “${end.note}”`).toBe(false);
  }
}

describe('page ends', () => {
  test('in the brief: no word hyphenated across a page end, and no page without body text', () => {
    expectPageEnds(shared().text);
  });

  test('in the brief: no page but the last ends short by four lines or more', () => {
    const pdf = shared().text;
    const line = type.body.fontSize * type.body.leading;
    const firstSection = Math.min(...pdf.items.filter((i) => isHeading(i.size)).map((i) => i.page));
    for (let p = firstSection; p < pdf.pages; p++) {
      const on = pdf.items.filter((i) => i.page === p && i.y > page.margins.top && i.y < pdf.pageHeight - page.margins.bottom + 1);
      const notes = on.filter(isNote);
      const content = Math.max(...on.filter((i) => !isNote(i)).map((i) => i.y));
      // The note area starts with its rule, one separator (13 pt) above the first note line.
      const foot = notes.length ? Math.min(...notes.map((i) => i.y - i.size)) - 13 : pdf.pageHeight - page.margins.bottom;
      expect((foot - content) / line, `page ${p}`).toBeLessThan(4);
    }
  });

  test('the check sees a broken word and a compound apart', () => {
    expect(brokenWord('the thermal power plant in Kos-')).toBe(true);
    expect(brokenWord('“prag-')).toBe(true);
    expect(brokenWord('the Belgrade–Budapest and anti-')).toBe(true);
    expect(brokenWord('https://www.politika.rs/sr/clanak/471643/Evroposlanici-')).toBe(false);
    expect(brokenWord('the end of the paragraph.')).toBe(false);
  });
});

describe('page breaks', () => {
  test('in the brief', async () => {
    expectGoodBreaks(shared().text);
  });

  test('in a synthetic brief four times as long', async () => {
    const pdf = await readPdf((await buildProject(scaleProject(loadProject(ROOT), 4))).pdf);
    expect(pdf.pages).toBeGreaterThan(3 * shared().text.pages);
    expectGoodBreaks(pdf);
    expectPageEnds(pdf);
  });
});

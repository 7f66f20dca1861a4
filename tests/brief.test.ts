// The whole brief, read back from its PDF and compared with the paper itself
// (tests/fixtures/paper/), not with what the program says it printed.
import { describe, expect, test } from 'vitest';
import { loadProject } from '../src/load/loadProject.ts';
import { normalise, joinText } from './support/readPdf.ts';
import { bodyText, comparable, markers, printedNotes } from './support/briefText.ts';
import { ROOT } from './support/project.ts';
import { shared } from './support/shared.ts';
import { chicagoKeeps, closeRanges, noteDifferences, paper, paperFigures, urls, words } from './support/paper.ts';
import { page as geometry } from '../src/layout/theme.ts';

const { text: pdf } = shared();
const project = loadProject(ROOT);

describe('the built brief, against the paper', () => {
  test('holds every paragraph of the paper, word for word, under its section heading', () => {
    const body = comparable(bodyText(pdf));
    const paragraphs = paper.sections.flatMap((s) => s.paragraphs);
    expect(paragraphs).toHaveLength(30); // the paper's culture section is one paragraph split at a page break in the brief
    const absent = paragraphs.filter((p) => !body.includes(comparable(closeRanges(p))));
    expect(absent).toEqual([]);
    const headings = pdf.items.filter((i) => i.size > 14 && i.page > 2).map((i) => i.text);
    expect(normalise(headings.join(' '))).toBe(paper.sections.map((s) => s.heading).join(' '));
  });

  test('prints the paper’s 58 note markers, in order', () => {
    expect(paper.markers).toBe(58);
    expect(markers(pdf)).toEqual(Array.from({ length: paper.markers }, (_, i) => i + 1));
  });

  test('prints notes 1–45 with every word the paper’s notes have, but for Chicago’s documented differences', () => {
    const printed = printedNotes(pdf, geometry.margins.left);
    expect(Object.keys(paper.notes)).toHaveLength(45);
    for (const [n, text] of Object.entries(paper.notes)) {
      const got = new Set(words(comparable(printed[Number(n)])));
      const allowed = new Set(noteDifferences[n]?.drops ?? []);
      const missing = words(comparable(chicagoKeeps(text))).filter((w) => !got.has(w) && !allowed.has(w));
      expect(missing, `note ${n}: “${printed[Number(n)]}”`).toEqual([]);
    }
  });

  test('links every URL the paper’s notes give', () => {
    const linked = new Set(pdf.links.map((l) => l.uri));
    const given = Object.values(paper.notes).flatMap(urls);
    expect(given.length).toBeGreaterThan(25);
    for (const u of given) expect(linked, u).toContain(u);
  });

  test('prints notes 46–58, whose texts the paper lost, visibly as missing', () => {
    const printed = printedNotes(pdf, geometry.margins.left);
    expect(printed).toHaveLength(59);
    for (let n = 46; n <= 58; n++) expect(printed[n], `note ${n}`).toMatch(/^\[Note text missing in the source paper: .+\.\]$/);
  });

  test('prints every figure in data as the paper words it', () => {
    const body = comparable(bodyText(pdf));
    expect(Object.keys(paperFigures).sort()).toEqual(Object.keys(project.figures).sort());
    const absent = Object.entries(paperFigures).filter(([, words]) => !body.includes(comparable(closeRanges(words))));
    expect(absent).toEqual([]);
  });

  test('has a cover, the key findings, contents with page numbers, and running furniture from page 2', () => {
    const onPage = (p: number) => normalise(pdf.items.filter((i) => i.page === p).map((i) => i.text).join(' '));
    const meta = project.meta;
    expect(onPage(1)).toContain(meta.title);
    expect(onPage(1)).toContain(meta.subtitle);
    expect(onPage(1)).toContain('2021'); // data/brief.yaml: date '2021'
    expect(onPage(2)).toContain('Key findings');
    expect(onPage(2)).toContain('Contents');
    for (const s of paper.sections) expect(onPage(2)).toContain(s.heading);
    for (let p = 2; p <= pdf.pages; p++) {
      const top = pdf.items.filter((i) => i.page === p && i.y < 60).map((i) => i.text).join(' ');
      const bottom = pdf.items.filter((i) => i.page === p && i.y > pdf.pageHeight - 50).map((i) => i.text.trim());
      expect(top).toContain(meta.shortTitle);
      expect(bottom).toContain(String(p));
    }
  });
});

test('the running head names the section each page belongs to', () => {
  const top = (p: number) => normalise(pdf.items.filter((i) => i.page === p && i.y < 60).map((i) => i.text).join(' '));
  let current = '';
  for (let p = 3; p <= pdf.pages; p++) {
    const headings = paper.sections.filter((s) => pdf.items.some((i) => i.page === p && i.size > 14 && normalise(s.heading).startsWith(normalise(i.text))));
    // A page that opens a section is headed by it; later pages by the last section begun.
    expect(top(p), `page ${p}`).toContain(headings.length ? headings[0].heading : current);
    if (headings.length) current = headings[headings.length - 1].heading;
  }
});

describe('editing figures (chinese-tourists-2019 → 151234, bor-acquisition → 1310000000)', () => {
  const edited = shared('editedFigures');

  test('changes a figure everywhere it appears: the sentence and the chart', () => {
    const text = joinText(edited.text.items);
    expect(text).toContain('around 151,234 tourists'); // the prose
    const chart = joinText(edited.text.items.filter((i) => Math.abs(i.size - 8.5) < 0.05)); // chart labels
    expect(chart).toContain('about 151,234 tourists');
    expect(text).not.toContain('145,000');
  });

  test('a figure used in the findings box and the prose changes in both', () => {
    const text = edited.text.items.map((i) => i.text).join(' ');
    expect(text.match(/USD 1\.31 billion/g)?.length).toBe(3); // findings box, prose, Figure 2
    expect(text).not.toContain('USD 1.26 billion');
    const findings = normalise(edited.text.items.filter((i) => i.page === 2).map((i) => i.text).join(' '));
    expect(findings).toContain('USD 1.31 billion');
  });
});


// The web edition, parsed as a browser would (linkedom) and read against the
// paper (tests/fixtures/paper/) and the data, not against what the program
// says it wrote.
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/load/loadProject.ts';
import { normalise } from '../support/readPdf.ts';
import { ROOT } from '../support/project.ts';
import { shared } from '../support/shared.ts';
import { INJECTED_TITLE } from '../support/variants.ts';
import { chicagoKeeps, closeRanges, noteDifferences, paper, paperFigures, urls, words } from '../support/paper.ts';

const project = loadProject(ROOT);
const page = (variant: Parameters<typeof shared>[0] = 'brief') => parseHTML(shared(variant).html).document;
const { html } = shared();
const document = page();
const all = (selector: string, root: ParentNode = document) => [...root.querySelectorAll(selector)] as HTMLElement[];
/** Text as read aloud without the note markers: what the paper's paragraphs hold. */
const prose = (el: Element) => {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('.noteref').forEach((a) => a.remove());
  return normalise(copy.textContent ?? '');
};

describe('the web edition, against the paper', () => {
  test('is one file under 1 MB that loads nothing from outside itself and runs no script', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024);
    expect(all('script, iframe, object, embed, link, img, video, audio, source, base, form')).toEqual([]);
    const loads = all('[src], [srcset], [data], [poster]').length + [...html.matchAll(/url\(\s*['"]?(?!data:|#)/g)].length;
    expect(loads).toBe(0);
    expect([...html.matchAll(/\son[a-z]+\s*=/gi)]).toEqual([]);
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'$/);
    // Every link is a link out to a source or inside the page, with the schemes the PDF allows.
    for (const a of all('a[href]')) expect(a.getAttribute('href')!).toMatch(/^(#[a-z0-9-]+|https?:\/\/|mailto:)/);
  });

  test('has the brief’s language, title, cover, one h1 and h2s without skipped levels', () => {
    expect(document.documentElement.getAttribute('lang')).toBe('en-GB');
    expect(document.title).toBe(project.meta.title);
    expect(all('h1').map((h) => h.textContent)).toEqual([project.meta.title]);
    expect(document.querySelector('.cover')!.textContent).toContain(project.meta.subtitle);
    expect(all('h1, h2, h3, h4, h5, h6').map((h) => h.tagName)).toEqual(['H1', ...Array(2 + paper.sections.length).fill('H2')]);
    expect(all('h2').map((h) => normalise(h.textContent!))).toEqual(['Key findings', 'Contents', ...paper.sections.map((s) => s.heading)]);
  });

  test('holds every paragraph of the paper, word for word, under its section heading', () => {
    const sections = all('main section.text');
    expect(sections.map((s) => normalise(s.querySelector('h2')!.textContent!))).toEqual(paper.sections.map((s) => s.heading));
    paper.sections.forEach((s, i) => {
      const body = all(':scope > p', sections[i]).map(prose).join(' ');
      const absent = s.paragraphs.filter((p) => !body.includes(normalise(closeRanges(p))));
      expect(absent, s.heading).toEqual([]);
    });
  });

  test('prints every figure in data as the paper words it', () => {
    const body = normalise(all('main p, main li').map(prose).join(' '));
    const absent = Object.entries(paperFigures).filter(([, w]) => !body.includes(normalise(closeRanges(w))));
    expect(absent).toEqual([]);
  });

  test('links its 58 note markers to the 58 notes, in order, and each note back to its marker', () => {
    const refs = all('a[role="doc-noteref"]');
    expect(refs.map((a) => a.textContent)).toEqual(Array.from({ length: paper.markers }, (_, i) => String(i + 1)));
    const notes = all('[role="doc-footnote"]');
    expect(notes.map((n) => n.id)).toEqual(refs.map((_, i) => `note-${i + 1}`));
    refs.forEach((a, i) => {
      expect(a.getAttribute('href')).toBe(`#note-${i + 1}`);
      const back = notes[i].querySelector('a[role="doc-backlink"]')!;
      expect(back.getAttribute('href')).toBe(`#${a.id}`);
    });
    // Each note follows the paragraph (or findings list) that cites it.
    for (const a of refs) {
      const block = a.closest('p, ul')!;
      const notesAfter = block.nextElementSibling!;
      expect(notesAfter.classList.contains('notes')).toBe(true);
      expect(notesAfter.querySelector(a.getAttribute('href')!)).not.toBeNull();
    }
  });

  test('prints notes 1–45 with every word the paper’s notes have, but for Chicago’s documented differences, and links their URLs', () => {
    const notes = all('[role="doc-footnote"]');
    for (const [n, text] of Object.entries(paper.notes)) {
      const printed = normalise(notes[Number(n) - 1].textContent!).replace(/^\d+/, '');
      const got = new Set(words(printed));
      const allowed = new Set(noteDifferences[n]?.drops ?? []);
      expect(words(chicagoKeeps(text)).filter((w) => !got.has(w) && !allowed.has(w)), `note ${n}: “${printed}”`).toEqual([]);
    }
    const linked = new Set(all('[role="doc-footnote"] a[href^="http"]').map((a) => a.getAttribute('href')));
    for (const u of Object.values(paper.notes).flatMap(urls)) expect(linked, u).toContain(u);
  });

  test('marks notes 46–58, whose texts the paper lost, visibly as missing', () => {
    const notes = all('[role="doc-footnote"]');
    for (let n = 46; n <= 58; n++) expect(notes[n - 1].querySelector('.missing')!.textContent, `note ${n}`).toMatch(/^\[Note text missing in the source paper: .+\.\]$/);
  });

  test('has 6 figures, each a captioned inline SVG with its alt text from data, its text as text and its source line', () => {
    const figures = all('figure');
    expect(figures).toHaveLength(6);
    figures.forEach((f, i) => {
      expect(f.querySelector('figcaption')!.textContent).toMatch(new RegExp(`^Figure ${i + 1}: \\S`));
      const svg = f.querySelector('svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      const title = svg.querySelector(`#${svg.getAttribute('aria-labelledby')}`)!;
      expect(title.tagName.toLowerCase()).toBe('title');
      expect(title.textContent!.length).toBeGreaterThan(40);
      expect(all('text', svg).length).toBeGreaterThan(3);
      expect(f.querySelector('.source')!.textContent).toMatch(/^Source: \S/);
    });
    // The charts' ids were made unique to their figure.
    const ids = all('[id]').map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('has the key findings as a list and a contents list that links to every section', () => {
    const findings = all('.findings li');
    expect(findings.length).toBeGreaterThanOrEqual(project.meta.houseStyle.findings.min);
    expect(findings.length).toBeLessThanOrEqual(project.meta.houseStyle.findings.max);
    const links = all('nav.contents a');
    expect(links.map((a) => normalise(a.textContent!))).toEqual(paper.sections.map((s) => s.heading));
    for (const a of links) expect(document.querySelector(a.getAttribute('href')!)!.tagName).toBe('H2');
  });

  test('says it is a draft while open items remain, as the PDF does', () => {
    expect(document.querySelector('.cover .draft')!.textContent).toMatch(/^Draft — open items remain/);
  });
});

describe('the web edition follows the data', () => {
  test('a changed figure changes the prose, the findings, the chart and its alt text', () => {
    const before = page();
    const after = page('editedFigures');
    const text = (d: Document, selector: string) => [...d.querySelectorAll(selector)].map((e) => e.textContent).join(' ');
    // chinese-tourists-2019: 145,000 → 151,234 in the prose, the chart and its alt text.
    expect(text(before, 'main p')).toContain('145,000');
    expect(text(after, 'main p')).toContain('151,234');
    expect(text(after, 'main p')).not.toContain('145,000');
    const tourists = (d: Document) => [...d.querySelectorAll('figure')].find((f) => /tourists/i.test(f.querySelector('figcaption')!.textContent!))!;
    expect(text(after, 'figure svg text')).not.toBe(text(before, 'figure svg text'));
    expect(tourists(after).querySelector('svg title')!.textContent).toContain('151,234');
    expect(tourists(before).querySelector('svg title')!.textContent).toContain('145,000');
    // bor-acquisition: $1.26 billion → $1.31 billion in the findings.
    expect(text(before, '.findings li')).toMatch(/1\.26 billion/);
    expect(text(after, '.findings li')).toMatch(/1\.31 billion/);
  });

  test('prints data strings that look like markup as text', () => {
    const d = page('literalStrings');
    expect(d.querySelector('h1')!.textContent).toBe(INJECTED_TITLE);
    expect(d.querySelector('h1 b')).toBeNull();
    expect(shared('literalStrings').html).toContain('&lt;b&gt;');
    expect([...d.querySelectorAll('figcaption')].map((f) => f.textContent)).toContain('Figure 3: Chinese *tourists* {{x}} in Serbia');
  });
});

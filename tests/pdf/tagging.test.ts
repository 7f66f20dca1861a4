// The brief as a screen reader gets it: tagged PDF/UA-1, read back from the
// file with pdf.js's structure tree and the raw objects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDocumentProxy } from 'unpdf';
import { build } from '../../src/pipeline.ts';
import { loadProject } from '../../src/load/loadProject.ts';
import { readPdf } from '../support/readPdf.ts';
import { ROOT } from '../support/project.ts';
import { shared } from '../support/shared.ts';
import { comparable } from '../support/briefText.ts';
import { closeRanges, paper } from '../support/paper.ts';
import { elements, latin1, objects, pageContents, paintingOperators, readStructure, type StructNode } from '../support/readStructure.ts';

const brief = shared();
const project = loadProject(ROOT);
let trees: StructNode[];
let all: StructNode[];
beforeAll(async () => {
  trees = await readStructure(brief.pdf);
  all = elements(trees);
});

/** Structure elements as written in the file, by role (pdf.js repeats an element on every page it spans). */
const written = (role: string) => [...objects(brief.pdf).values()].filter((d) => new RegExp(`/S /${role}\\b`).test(d) && /\/P \d+ 0 R/.test(d));

describe('the catalog and metadata', () => {
  test('declare a tagged PDF 1.7 in en-GB that shows its title, and PDF/UA-1 in XMP', () => {
    const text = latin1(brief.pdf);
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    expect(text).toMatch(/\/MarkInfo \d+ 0 R/);
    expect([...objects(brief.pdf).values()].some((d) => /\/Marked true/.test(d))).toBe(true);
    expect(text).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(text).toContain('/Lang (en-GB)');
    expect(text).toMatch(/\/DisplayDocTitle true/);
    const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(Buffer.from(brief.pdf).toString('utf8'))?.[0] ?? '';
    expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(xmp).toMatch(/<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">Serbia and China<\/rdf:li>/);
    expect(xmp).toMatch(/<dc:language><rdf:Bag><rdf:li>en-GB<\/rdf:li>/);
    // The paper names no author: the series stands as creator.
    expect(xmp).toContain(`<dc:creator><rdf:Seq><rdf:li>${project.meta.series}</rdf:li>`);
  });

  test('XMP stays well-formed when the title holds markup characters', () => {
    const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(latin1(shared('literalStrings').pdf))?.[0] ?? '';
    expect(xmp).toContain('**and** _China_ {&quot;text&quot;:&quot;x&quot;,&quot;link&quot;:&quot;file:///etc/passwd&quot;} &lt;b&gt;');
    expect(xmp).not.toContain('<b>');
  });
});

describe('the structure tree', () => {
  test('has the roles a reader needs, as many as the brief has of each', () => {
    const findings = readFileSync(join(ROOT, 'templates/key-findings.md.hbs'), 'utf8').split('\n').filter((l) => /^[-*] /.test(l)).length;
    expect(written('Document')).toHaveLength(1);
    expect(written('H1')).toHaveLength(1); // the cover title
    expect(written('H2')).toHaveLength(project.sections.length + 2); // sections, key findings, contents
    expect(written('Note')).toHaveLength(58);
    expect(written('Reference')).toHaveLength(58);
    expect(written('Figure')).toHaveLength(6);
    expect(written('Caption')).toHaveLength(6);
    expect(written('LI')).toHaveLength(findings);
    expect(written('LBody')).toHaveLength(findings);
    expect(written('TOCI')).toHaveLength(project.sections.length);
    expect(written('P').length).toBeGreaterThanOrEqual(31 + 58); // paragraphs and note texts
  });

  test('every Note has a unique ID', () => {
    const ids = written('Note').map((d) => /\/ID \(([^)]*)\)/.exec(d)?.[1]);
    expect(ids).toEqual(Array.from({ length: 58 }, (_, i) => `note-${i + 1}`));
  });

  test('every Figure has alt text and a bounding box, and its caption as Caption', () => {
    const figures = written('Figure');
    for (const d of figures) {
      expect(d).toMatch(/\/Alt \(.{40,}\)/);
      expect(d).toMatch(/\/BBox \[[\d.]+ [\d.]+ [\d.]+ [\d.]+\]/);
    }
    const inTree = all.filter((n) => n.role === 'Figure');
    for (const f of inTree) expect(f.children.some((c) => c.role === 'Caption' && /^Figure \d: /.test(c.text))).toBe(true);
  });

  test('headings do not skip a level: one H1, then H2s, and no H3', () => {
    const levels = all.filter((n) => /^H\d$/.test(n.role)).map((n) => Number(n.role.slice(1)));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
    const h2 = [...new Set(all.filter((n) => n.role === 'H2').map((n) => n.text))];
    expect(h2).toEqual(['Key findings', 'Contents', ...paper.sections.map((s) => s.heading)]);
  });

  test('the findings are a list of labelled items, and the contents TOC items with links', () => {
    const list = all.find((n) => n.role === 'L')!;
    expect(list.children.every((li) => li.role === 'LI' && li.children.map((c) => c.role).join() === 'Lbl,LBody')).toBe(true);
    const toc = all.find((n) => n.role === 'TOC')!;
    expect(toc.children.map((c) => c.role)).toEqual(paper.sections.map(() => 'TOCI'));
    for (const item of toc.children) expect(item.children.filter((c) => c.role === 'Link' && c.objects > 0).length).toBeGreaterThanOrEqual(1);
  });
});

describe('reading order', () => {
  test('paragraphs read in the paper’s order', () => {
    const text = comparable(all.filter((n) => n.role === 'P' && n.children.every((c) => c.role !== 'P')).map((n) => n.text).join(' ').replace(/\s+/g, ' '));
    let from = 0;
    for (const p of paper.sections.flatMap((s) => s.paragraphs)) {
      // The first words of each paragraph, in order (the rest is checked word for word in brief.test.ts).
      const start = comparable(closeRanges(p)).split(' ').slice(0, 8).join(' ');
      const at = text.indexOf(start, from);
      expect(at, start).toBeGreaterThanOrEqual(from);
      from = at;
    }
  });

  test('each note follows its marker, inside the paragraph that cites it', () => {
    const seen: number[] = [];
    for (const n of all) {
      for (let i = 0; i < n.children.length; i++) {
        const c = n.children[i];
        if (c.role !== 'Reference') continue;
        const number = Number(c.text.trim());
        const next = n.children[i + 1];
        expect(n.role, `marker ${number}`).toBe('P');
        expect(next?.role, `after marker ${number}`).toBe('Note');
        expect(next.children[0].role).toBe('Lbl');
        expect(next.children[0].text.trim()).toBe(String(number));
        seen.push(number);
      }
    }
    expect([...new Set(seen)].sort((a, b) => a - b)).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
  });
});

describe('content', () => {
  test('nothing is painted outside a structure element or an Artifact', () => {
    const streams = pageContents(brief.pdf);
    expect(streams).toHaveLength(brief.text.pages);
    let painted = 0;
    const loose: string[] = [];
    for (const [p, s] of streams.entries()) {
      for (const { op, open } of paintingOperators(s)) {
        painted++;
        if (!open.length) loose.push(`page ${p + 1}: ${op}`);
      }
    }
    expect(painted).toBeGreaterThan(1500);
    expect(loose).toEqual([]);
  });

  test('every text item pdf.js reads is inside marked content', async () => {
    const pdf = await getDocumentProxy(new Uint8Array(brief.pdf));
    for (let p = 1; p <= pdf.numPages; p++) {
      let depth = 0;
      for (const item of (await (await pdf.getPage(p)).getTextContent({ includeMarkedContent: true })).items as { type?: string; str?: string }[]) {
        if (item.type?.startsWith('beginMarkedContent')) depth++;
        else if (item.type === 'endMarkedContent') depth--;
        else if (item.str?.trim()) expect(depth, `page ${p}: “${item.str}”`).toBeGreaterThan(0);
      }
    }
  });

  test('running head and foot, rules and backgrounds are Artifacts', () => {
    const streams = pageContents(brief.pdf);
    const artifacts = streams.flatMap((s) => paintingOperators(s).filter((o) => o.open.includes('Artifact')));
    expect(artifacts.filter((o) => o.op === 'TJ' || o.op === 'Tj').length).toBeGreaterThanOrEqual(2 * (brief.text.pages - 1)); // head and foot from page 2
    expect(artifacts.filter((o) => o.op !== 'TJ' && o.op !== 'Tj').length).toBeGreaterThan(0);
    for (const [p, s] of streams.entries()) {
      if (p === 0) continue;
      expect(/\/Artifact <<\s*\/Type \/Pagination\s*>> BDC/.test(s), `page ${p + 1}`).toBe(true);
    }
  });

  test('a word broken at a line end reads whole (ActualText)', () => {
    const spans = pageContents(brief.pdf).flatMap((s) => [...s.matchAll(/\/Span <<\/ActualText <FEFF([0-9A-F]*)>>> BDC/g)].map((m) => Buffer.from(m[1], 'hex').swap16().toString('utf16le')));
    const words = spans.filter((s) => /\p{L}/u.test(s));
    // As many whole words as lines that end in a drawn hyphen.
    const lineEnds = new Map<string, string>();
    for (const i of brief.text.items) {
      const k = `${i.page}:${i.y.toFixed(1)}`;
      const prev = lineEnds.get(k);
      if (!prev || i.x > Number(prev.split('\0')[0])) lineEnds.set(k, `${i.x}\0${i.text}`);
    }
    // A drawn hyphen ends a word piece of its own; a real one ends a compound or a URL inside a longer item.
    const hyphenated = [...lineEnds.values()].filter((v) => /^[“‘(]?\p{L}+-$/u.test(v.split('\0')[1])).length;
    expect(hyphenated).toBeGreaterThan(20);
    expect(words).toHaveLength(hyphenated);
    const paperText = comparable([...paper.sections.flatMap((s) => s.paragraphs), ...Object.values(paper.notes)].join(' ')).toLowerCase();
    for (const w of words) {
      const word = /^[“‘(]?([\p{L}’'-]+)$/u.exec(w)?.[1];
      expect(word, `“${w}”: one whole word`).toBeDefined();
      expect(paperText, w).toMatch(new RegExp(`(?<!\\p{L})${comparable(word!).toLowerCase()}(?!\\p{L})`, 'u'));
    }
  });

  test('every link annotation belongs to the structure and says where it leads', () => {
    const links = [...objects(brief.pdf).values()].filter((d) => /\/Subtype \/Link/.test(d));
    expect(links.length).toBeGreaterThan(140);
    for (const d of links) {
      expect(d).toMatch(/\/StructParent \d+/);
      expect(d).toMatch(/\/Contents \((?!\))/);
    }
    expect(latin1(brief.pdf).match(/\/Tabs \/S/g)).toHaveLength(brief.text.pages);
  });
});

describe('alt text and data', () => {
  test('a chart’s alt text states the values it plots, and follows an edited figure', async () => {
    const alt = (roots: StructNode[]) => elements(roots).filter((n) => n.role === 'Figure').map((n) => n.alt ?? '');
    const before = alt(trees).find((a) => a.includes('Chinese tourists'))!;
    expect(before).toContain('about 145,000 in 2019');
    expect(before).toContain('268,572 nights');
    const after = alt(await readStructure(shared('editedFigures').pdf)).find((a) => a.includes('Chinese tourists'))!;
    expect(after).toContain('about 151,234 in 2019');
    expect(after).not.toContain('145,000');
  });

  test('the PDF carries the figures as CSV and JSON and the references as CSL-JSON', async () => {
    const pdf = await getDocumentProxy(new Uint8Array(brief.pdf));
    const files = (await pdf.getAttachments()) as Record<string, { filename: string; content: Uint8Array; description?: string }>;
    expect(Object.keys(files).sort()).toEqual(['figures.csv', 'figures.json', 'references.json']);
    const rows = Buffer.from(files['figures.csv'].content).toString('utf8').trimEnd().split('\r\n')
      .map((line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')));
    const header = rows[0];
    const row = rows.find((r) => r[0] === 'chinese-tourists-2019')!;
    const field = (name: string) => row[header.indexOf(name)];
    expect(rows).toHaveLength(Object.keys(project.figures).length + 1);
    expect(field('label')).toBe('Chinese tourists in Serbia, 2019');
    expect(field('value')).toBe('145000');
    expect(field('qualifier')).toBe('about');
    expect(field('year')).toBe('2019');
    expect(field('printed')).toBe('about 145,000');
    expect(field('sourceNote')).toBe('27');
    const json = JSON.parse(Buffer.from(files['figures.json'].content).toString('utf8'));
    expect(json).toHaveLength(Object.keys(project.figures).length);
    expect(json.find((f: { id: string }) => f.id === 'bor-acquisition')).toMatchObject({ value: 1260000000, unit: 'USD', year: 2018 });
    const refs = JSON.parse(Buffer.from(files['references.json'].content).toString('utf8'));
    expect(refs).toEqual(Object.values(JSON.parse(readFileSync(join(ROOT, 'data/references.json'), 'utf8'))));
    expect(latin1(brief.pdf).match(/\/Desc \(/g)).toHaveLength(3);
  });
});

test('tagging changes nothing visible: every line of text sits where it sits untagged', async () => {
  const untagged = await readPdf((await build(ROOT, { tagged: false })).pdf);
  // pdf.js splits text items at marked-content boundaries: compare whole lines.
  const lines = (pdf: typeof untagged) => {
    const byLine = new Map<string, { x: number; text: string }[]>();
    for (const i of pdf.items) {
      const k = `${i.page} ${i.y.toFixed(2)} ${i.size.toFixed(2)}`;
      byLine.set(k, [...(byLine.get(k) ?? []), { x: i.x, text: i.text }]);
    }
    return [...byLine].map(([k, parts]) => {
      parts.sort((a, b) => a.x - b.x);
      return `${k} ${parts[0].x.toFixed(2)} ${parts.map((p) => p.text).join('').replace(/\s+/g, ' ').trim()}`;
    }).sort();
  };
  expect(brief.text.pages).toBe(untagged.pages);
  expect(lines(brief.text)).toEqual(lines(untagged));
});

// The whole brief, built and read back from its PDF bytes.
import { beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../src/pipeline.ts';
import { inlineText } from '../src/model/buildModel.ts';
import { formatFigure, formatDate, type Style } from '../src/figures/format.ts';
import { loadProject } from '../src/load/loadProject.ts';
import { readPdf, normalise, joinText, type PdfText } from './support/readPdf.ts';
import { bodyText, comparable, markers, noteText } from './support/briefText.ts';
import { ROOT, copyProject, edit } from './support/project.ts';

let result: BuildResult;
let pdf: PdfText;
beforeAll(async () => {
  result = await build(ROOT);
  pdf = await readPdf(result.pdf);
});

describe('the built brief', () => {
  test('holds every paragraph of every section, word for word', () => {
    const body = comparable(bodyText(pdf));
    const paragraphs = result.document.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [comparable(normalise(inlineText(b.inlines)))] : [])));
    expect(paragraphs).toHaveLength(31);
    const absent = paragraphs.filter((p) => !body.includes(p));
    expect(absent).toEqual([]);
  });

  test('prints 58 note markers, in order', () => {
    expect(markers(pdf)).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
  });

  test('prints every note text, and notes 46–58 visibly as missing', () => {
    const notes = comparable(noteText(pdf));
    for (const n of result.document.notes) {
      if (n.status === 'ok') expect(notes).toContain(comparable(normalise(inlineText(n.inlines))));
      else expect(notes).toContain(comparable(`[Note text missing in the source paper: ${n.context}.]`));
    }
  });

  test('prints every figure in data, formatted', () => {
    const text = joinText(pdf.items);
    const { figures } = loadProject(ROOT);
    const styles: Style[] = ['default', 'words', 'verb'];
    for (const [id, f] of Object.entries(figures)) {
      const forms = styles.flatMap((s) => { try { return [formatFigure(f, s)]; } catch { return []; } });
      if (f.kind === 'money' && f.value === null) forms.push(String(f.year)); // no amount stated: only its year prints
      expect(forms.some((form) => text.includes(form)), `figure ${id}: none of ${JSON.stringify(forms)} in the PDF`).toBe(true);
    }
  });

  test('has a cover, the key findings, contents with page numbers, and running furniture from page 2', () => {
    const onPage = (p: number) => pdf.items.filter((i) => i.page === p).map((i) => i.text).join(' ');
    const meta = result.document.meta;
    expect(onPage(1)).toContain(meta.title);
    expect(normalise(onPage(1))).toContain(meta.subtitle);
    expect(onPage(1)).toContain(formatDate(meta.date));
    expect(onPage(2)).toContain('Key findings');
    expect(onPage(2)).toContain('Contents');
    for (const s of result.document.sections) expect(normalise(onPage(2))).toContain(s.heading);
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
    const headings = result.document.sections.filter((s) => pdf.items.some((i) => i.page === p && i.size > 14 && normalise(s.heading).startsWith(normalise(i.text))));
    // A page that opens a section is headed by it; later pages by the last section begun.
    expect(top(p), `page ${p}`).toContain(headings.length ? headings[0].heading : current);
    if (headings.length) current = headings[headings.length - 1].heading;
  }
});

describe('editing a figure', () => {
  test('changes it everywhere it appears: the sentence and the chart', async () => {
    const dir = copyProject();
    edit(dir, 'data/figures.yaml', (t) => t.replace(/(chinese-tourists-2019:[\s\S]*?value: )145000/, '$1151234'));
    const changed = await readPdf((await build(dir)).pdf);
    const text = joinText(changed.items);
    expect(text).toContain('around 151,234 tourists'); // the prose
    const chart = joinText(changed.items.filter((i) => Math.abs(i.size - 8.5) < 0.05)); // chart labels
    expect(chart).toContain('about 151,234 tourists');
    expect(text).not.toContain('145,000');
  });

  test('a figure used in the findings box and the prose changes in both', async () => {
    const dir = copyProject();
    edit(dir, 'data/figures.yaml', (t) => t.replace(/(bor-acquisition:[\s\S]*?value: )1260000000/, '$11310000000'));
    const { document, pdf: bytes } = await build(dir);
    expect(document.keyFindings.map(inlineText).join(' ')).toContain('USD 1.31 billion');
    const text = (await readPdf(bytes)).items.map((i) => i.text).join(' ');
    expect(text.match(/USD 1\.31 billion/g)?.length).toBe(3); // findings box, prose, Figure 2
    expect(text).not.toContain('USD 1.26 billion');
  });
});

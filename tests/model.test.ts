import { beforeAll, describe, expect, test } from 'vitest';
import { loadProject } from '../src/load/loadProject.ts';
import { renderTemplates } from '../src/templates/renderTemplates.ts';
import { buildModel, inlineText } from '../src/model/buildModel.ts';
import type { ModelDocument } from '../src/model/types.ts';
import { ROOT } from './support/project.ts';

let doc: ModelDocument;
beforeAll(() => {
  const project = loadProject(ROOT);
  doc = buildModel(project, renderTemplates(project));
});

describe('the paper as a document model', () => {
  test('has the six headings and 31 paragraphs of the paper', () => {
    expect(doc.sections.map((s) => s.heading)).toEqual([
      'Introductory words',
      'Intensified economic relations',
      '“China’s most reliable partner in Europe” – the political dimension',
      'Security cooperation',
      'Cultural contacts',
      'Conclusion',
    ]);
    expect(doc.sections.map((s) => s.blocks.filter((b) => b.kind === 'paragraph').length)).toEqual([3, 9, 10, 4, 2, 3]);
  });

  test('numbers 58 notes by the order of their markers', () => {
    const refs = doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.inlines.filter((i) => i.kind === 'noteRef') : [])));
    expect(refs.map((r) => (r.kind === 'noteRef' ? r.number : 0))).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
    expect(doc.notes.map((n) => n.number)).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
  });

  test('keeps notes 46–58 as missing and says so once', () => {
    expect(doc.notes.filter((n) => n.status === 'missing').map((n) => n.number)).toEqual(Array.from({ length: 13 }, (_, i) => 46 + i));
    expect(doc.warnings.filter((w) => w.includes('notes-missing'))).toEqual([
      expect.stringContaining('notes 46–58 have no text'),
    ]);
  });

  test('has four to six key findings, each with a figure in it', () => {
    expect(doc.keyFindings.length).toBeGreaterThanOrEqual(4);
    expect(doc.keyFindings.length).toBeLessThanOrEqual(6);
    for (const f of doc.keyFindings) expect(inlineText(f)).toMatch(/\d/);
  });

  test('the cover carries title, subtitle, series line and date', () => {
    expect(doc.cover.title).toBe(doc.meta.title);
    expect(doc.cover.subtitle).toBe(doc.meta.subtitle);
    expect(doc.cover.lines).toEqual([doc.meta.series, doc.meta.date]);
  });
});

describe('parsed Markdown kept between builds', () => {
  test('the same text in two files keeps each file\'s places', async () => {
    const { parseMarkdown, endMarkdownBuild, keepParsedMarkdown } = await import('../src/model/parseMarkdown.ts');
    keepParsedMarkdown(true); // as in watch: the first text's tree is kept
    const text = 'Trade grew.<note-ref id="trade" line="4"/>\n\n<figure-ref id="trade-chart" line="6"/>\n';
    const first = parseMarkdown('templates/a.md', text, ['paragraph', 'figure']);
    endMarkdownBuild();
    const second = parseMarkdown('templates/b.md', text, ['paragraph', 'figure']);
    expect(first[1]).toEqual({ kind: 'figure', chartId: 'trade-chart', where: { file: 'templates/a.md', line: 6 } });
    expect(second[1]).toEqual({ kind: 'figure', chartId: 'trade-chart', where: { file: 'templates/b.md', line: 6 } });
    expect(JSON.stringify(second[0])).toContain('templates/b.md');
    expect(JSON.stringify(second[0])).not.toContain('templates/a.md');
  });
});

import { beforeAll, describe, expect, test } from 'vitest';
import { loadProject } from '../src/load/loadProject.ts';
import { renderTemplates } from '../src/templates/renderTemplates.ts';
import { buildModel, inlineText } from '../src/model/buildModel.ts';
import type { ModelDocument } from '../src/model/types.ts';
import { ROOT } from './support/project.ts';
import { memoryCache } from './support/memoryCache.ts';

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
  const text = 'Trade grew.<note-ref id="trade" line="4"/>\n\n<figure-ref id="trade-chart" line="6"/>\n';

  test('the same text in two files keeps each file\'s places', async () => {
    const { parseMarkdown, beginMarkdownBuild, endMarkdownBuild } = await import('../src/model/parseMarkdown.ts');
    beginMarkdownBuild(undefined, true); // as in watch: the first text's blocks are kept
    const first = parseMarkdown('templates/a.md', text, ['paragraph', 'figure']);
    endMarkdownBuild();
    beginMarkdownBuild(undefined, true);
    const second = parseMarkdown('templates/b.md', text, ['paragraph', 'figure']);
    endMarkdownBuild();
    expect(first[1]).toEqual({ kind: 'figure', chartId: 'trade-chart', where: { file: 'templates/a.md', line: 6 } });
    expect(second[1]).toEqual({ kind: 'figure', chartId: 'trade-chart', where: { file: 'templates/b.md', line: 6 } });
    expect(JSON.stringify(second[0])).toContain('templates/b.md');
    expect(JSON.stringify(second[0])).not.toContain('templates/a.md');
  });

  test('a next process reads a text\'s blocks from the cache; a caller cannot change what is kept', async () => {
    const { parseMarkdown, beginMarkdownBuild, endMarkdownBuild } = await import('../src/model/parseMarkdown.ts');
    const cache = memoryCache();
    beginMarkdownBuild(cache, false);
    const parsed = parseMarkdown('templates/a.md', text, ['paragraph', 'figure']);
    (parsed[0] as { inlines: unknown[] }).inlines.length = 0;
    expect(parseMarkdown('templates/a.md', text, ['paragraph', 'figure'])[0]).toEqual({
      kind: 'paragraph', inlines: [{ kind: 'text', text: 'Trade grew.' }, { kind: 'noteRef', noteId: 'trade', where: { file: 'templates/a.md', line: 4 } }],
    });
    endMarkdownBuild();
    expect(cache.writes).toEqual(['markdown']);
    // What the cache holds is what a next build gets: here a hand-written entry.
    const [[id, stored]] = [...cache.entries] as [string, Record<string, string>][];
    const key = Object.keys(stored)[0];
    cache.entries.set(id, { [key]: JSON.stringify([{ kind: 'paragraph', inlines: [{ kind: 'text', text: 'From the cache.' }] }]) });
    beginMarkdownBuild(cache, false);
    expect(parseMarkdown('templates/a.md', text, ['paragraph', 'figure'])).toEqual([{ kind: 'paragraph', inlines: [{ kind: 'text', text: 'From the cache.' }] }]);
    endMarkdownBuild();
    expect(cache.writes).toEqual(['markdown']); // nothing new: not written again
    // A damaged entry is parsed again.
    cache.entries.set(id, { [key]: 42 });
    beginMarkdownBuild(cache, false);
    expect(parseMarkdown('templates/a.md', text, ['paragraph', 'figure'])[1]).toEqual({ kind: 'figure', chartId: 'trade-chart', where: { file: 'templates/a.md', line: 6 } });
    endMarkdownBuild();
  });

  test('a text refused is refused again, not kept', async () => {
    const { parseMarkdown, beginMarkdownBuild, endMarkdownBuild } = await import('../src/model/parseMarkdown.ts');
    const cache = memoryCache();
    for (let i = 0; i < 2; i++) {
      beginMarkdownBuild(cache, true);
      expect(() => parseMarkdown('templates/a.md', '# A heading\n', ['paragraph'])).toThrow(/heading/);
      endMarkdownBuild();
    }
    expect(cache.writes).toEqual([]);
  });
});

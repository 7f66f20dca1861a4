// Model stage: turns the rendered Markdown into the typed document, numbering
// notes by the place of their marker in the text.
import { BriefFailure, fail, type BriefError, type Location } from '../errors/BriefError.ts';
import { compactRanges, messages } from '../errors/messages.ts';
import { formatError } from '../errors/BriefError.ts';
import type { Project } from '../load/loadProject.ts';
import type { Cache } from '../cache/cache.ts';
import type { Rendered } from '../templates/renderTemplates.ts';
import { beginMarkdownBuild, endMarkdownBuild, parseMarkdown, type RawBlock, type RawInline } from './parseMarkdown.ts';
import type { Block, Cover, FigureInfo, Inline, ModelDocument, NoteSource, Section } from './types.ts';
import { chartFigureIds, chartNoteIds } from '../charts/chartRows.ts';

/** Parsed texts are kept in `cache`, and for `rebuilds` (the process builds again) for its next build. */
export function buildModel(project: Project, rendered: Rendered, cache?: Cache, rebuilds = false): ModelDocument {
  beginMarkdownBuild(cache, rebuilds);
  try {
    return modelOf(project, rendered);
  } finally {
    endMarkdownBuild();
  }
}

function modelOf(project: Project, rendered: Rendered): ModelDocument {
  const numbering = new NoteNumbering();
  const errors: BriefError[] = [];
  const placed = new Map<string, Location>();
  const sections: Section[] = rendered.sections.map((s) => {
    const blocks = parseMarkdown(s.body.file, s.body.markdown, ['paragraph', 'figure']);
    return {
      id: s.id,
      heading: s.heading,
      blocks: blocks.map((b): Block => {
        if (b.kind === 'figure') {
          if (placed.has(b.chartId)) errors.push(messages.chartPlacedTwice(b.where, b.chartId));
          placed.set(b.chartId, b.where);
          return { kind: 'figure', chartId: b.chartId, number: placed.size };
        }
        return { kind: 'paragraph', inlines: numbering.resolve((b as Extract<RawBlock, { kind: 'paragraph' }>).inlines, errors) };
      }),
    };
  });
  if (errors.length) throw new BriefFailure(errors);

  const warnings: string[] = [];
  const uncited: BriefError[] = [];
  const notes: NoteSource[] = numbering.order.map((id, i) => {
    const def = project.notes[id];
    if ('missing' in def) return { number: i + 1, id, status: 'missing', context: def.context };
    if ('cite' in def) return { number: i + 1, id, status: 'cite', cites: def.cite };
    const where = project.whereNote(id);
    const blocks = parseMarkdown(`${where.file}#${id}`, def.text, ['paragraph']);
    return { number: i + 1, id, status: 'ok', inlines: blocks.flatMap((b) => plainInlines((b as { inlines: RawInline[] }).inlines, where)) };
  });
  for (const id of Object.keys(project.notes)) {
    // A note no template cites would vanish from the brief: that is an error, not a warning.
    if (!numbering.first.has(id)) uncited.push(messages.noteNeverCited(project.whereNote(id), id));
  }
  if (uncited.length) throw new BriefFailure(uncited);
  for (const id of Object.keys(project.charts)) {
    if (!placed.has(id)) warnings.push(formatError(messages.chartNeverPlaced(project.whereChart(id), id)));
  }
  const noteNumber = new Map(notes.map((n) => [n.id, n.number]));
  const figures: FigureInfo[] = [...placed.keys()].map((chartId, i) => {
    const chart = project.charts[chartId];
    const numbers = chartNoteIds(chart, project.figures).flatMap((id) => (noteNumber.has(id) ? [noteNumber.get(id)!] : []));
    const cite = numbers.length ? ` (${numbers.length > 1 ? 'notes' : 'note'} ${compactRanges(numbers)})` : '';
    return { chartId, number: i + 1, caption: chart.caption, source: `${chart.source}${cite}.`, alt: altText(rendered.alts[chartId]), mapNote: chart.mapNote, figureIds: chartFigureIds(chart) };
  });
  const missing = notes.filter((n) => n.status === 'missing');
  if (missing.length) warnings.push(formatError(messages.notesMissingText(missing.map((n) => n.id), missing.map((n) => n.number))));

  return {
    meta: project.meta,
    cover: buildCover(rendered.cover.file, parseMarkdown(rendered.cover.file, rendered.cover.markdown, ['heading', 'paragraph'])),
    keyFindings: buildFindings(rendered.keyFindings.file, parseMarkdown(rendered.keyFindings.file, rendered.keyFindings.markdown, ['list']), project.meta.houseStyle.findings),
    sections,
    notes,
    figures,
    header: rendered.header,
    footer: rendered.footer,
    warnings,
  };
}

/** Numbers notes in the order their markers appear; a note is cited once. */
class NoteNumbering {
  readonly order: string[] = [];
  readonly first = new Map<string, Location>();
  private readonly numbers = new Map<string, number>();

  resolve(inlines: RawInline[], errors: BriefError[]): Inline[] {
    return inlines.map((n): Inline => {
      if (n.kind === 'noteRef') {
        const seen = this.first.get(n.noteId);
        if (seen) errors.push(messages.noteCitedTwice(n.where, n.noteId, seen));
        else {
          this.first.set(n.noteId, n.where);
          this.order.push(n.noteId);
          this.numbers.set(n.noteId, this.order.length);
        }
        return { kind: 'noteRef', noteId: n.noteId, number: this.numbers.get(n.noteId)! };
      }
      if ('children' in n) return { ...n, children: this.resolve(n.children, errors) } as Inline;
      return n;
    });
  }
}

/** Inlines where a note marker has no place (notes, findings, cover). */
function plainInlines(inlines: RawInline[], where: Location): Inline[] {
  return inlines.map((n): Inline => {
    if (n.kind === 'noteRef') fail(messages.markdownUnsupported(where, 'a note marker', 'markers in the prose only'));
    if ('children' in n) return { ...n, children: plainInlines(n.children, where) } as Inline;
    return n;
  });
}

/** A chart's alt text: its rendered template as one plain line. */
function altText(alt: { file: string; markdown: string }): string {
  const blocks = parseMarkdown(alt.file, alt.markdown, ['paragraph']);
  return blocks.map((b) => inlineText(plainInlines((b as { inlines: RawInline[] }).inlines, { file: alt.file }))).join(' ');
}

export function inlineText(inlines: Inline[]): string {
  return inlines.map((n) => (n.kind === 'text' ? n.text : 'children' in n ? inlineText(n.children) : '')).join('');
}

function buildCover(file: string, blocks: RawBlock[]): Cover {
  const text = (b: RawBlock) => inlineText(plainInlines((b as { inlines: RawInline[] }).inlines, { file }));
  const title = blocks.find((b) => b.kind === 'heading' && b.depth === 1);
  const subtitle = blocks.find((b) => b.kind === 'heading' && b.depth === 2);
  if (!title || !subtitle) fail(messages.markdownUnsupported({ file }, 'a cover without "# title" and "## subtitle"', 'one # title and one ## subtitle'));
  return { title: text(title), subtitle: text(subtitle), lines: blocks.filter((b) => b.kind === 'paragraph').map(text) };
}

function buildFindings(file: string, blocks: RawBlock[], range: { min: number; max: number }): Inline[][] {
  const list = blocks.find((b) => b.kind === 'list');
  const items = list && list.kind === 'list' ? list.items : [];
  if (items.length < range.min || items.length > range.max) fail(messages.findingsCount({ file }, items.length, range.min, range.max));
  return items.map((item) => plainInlines(item, { file }));
}

// Layout stage: builds the pdfmake document definition (cover, key findings,
// contents, sections, notes, running header and footer) from the model.
import type { BriefDocument, FigureInfo, Inline, Note } from '../model/types.ts';
import type { ChartImages } from '../charts/renderCharts.ts';
import { runs, type Run } from './inlines.ts';
import { SANS, SERIF, lineHeightFor } from './fonts.ts';
import { colour, pageGeometry, space, type, type PageGeometry, type Paper } from './theme.ts';
import type { FootnoteSpec } from '../pdf/pdfmake/footnotes.ts';
import { StructurePlan, tagRuns } from './structure.ts';
import type { Attachment } from './attachments.ts';

export type DocDefinition = Record<string, unknown>;

export interface LayoutOptions {
  paper: Paper;
  creationDate: Date;
  /** Open items remain: every page carries a discreet "Draft" mark. */
  draft: boolean;
  /** Files the PDF carries (the brief's data). */
  attachments?: Attachment[];
  /** Tagged PDF/UA-1 (the default); off only to compare what tagging changes. */
  tagged?: boolean;
  /** A line's words of one look drawn as one text object (the default); off only to compare what that changes. */
  textRuns?: boolean;
}

export function docDefinition(doc: BriefDocument, charts: ChartImages, options: LayoutOptions): DocDefinition {
  const page = pageGeometry(options.paper);
  const creationDate = options.creationDate;
  const plan = new StructurePlan(doc.meta.language);
  const coverNode = cover(doc, page, options.draft, plan);
  const findingsNode = keyFindings(doc, plan);
  const contentsNode = contents(plan);
  const headings = doc.sections.map((s, i) => {
    plan.tocEntry('toc', `section-${s.id}`, s.heading);
    return {
      text: tagRuns([{ text: s.heading }], plan.add(`h/${s.id}`, { role: 'H2' })), headingText: s.heading, outlineText: s.heading,
      style: 'h1', tocItem: true, id: `section-${s.id}`, outline: true, keepWithNext: true, ...(i === 0 ? { pageBreak: 'before' } : {}),
    };
  });
  const body = doc.sections.flatMap((s, i) => [
    headings[i],
    ...s.blocks.map((b, j) => (b.kind === 'figure'
      ? figure(doc.figures[b.number - 1], charts, page, `section-${s.id}`, plan)
      : { text: paragraphRuns(b.inlines, plan.add(`p/${s.id}/${j}`, { role: 'P' }), plan), style: 'body', figureIds: figureIdsIn(b.inlines) })),
  ]);
  const end = bibliography(doc, plan);
  const tagged = options.tagged ?? true;
  return {
    // PDF 1.7 with XMP; with tagging, PDF/UA-1: pdf/pdfmake/tagging.ts gives every run its structure element.
    version: '1.7',
    ...(tagged ? { subset: 'PDF/UA', tagged: true, displayTitle: true } : {}),
    files: Object.fromEntries((options.attachments ?? []).map((a) => [a.name, {
      // A data URI: pdfmake resolves `src` as a URL or a path, and pdfkit reads a path from disk.
      src: `data:${a.type};base64,${a.bytes.toString('base64')}`, name: a.name, type: a.type, description: a.description, relationship: 'Data', creationDate, modifiedDate: creationDate,
    }])),
    pageSize: page.size,
    pageMargins: [page.margins.left, page.margins.top, page.margins.right, page.margins.bottom],
    language: doc.meta.language,
    info: {
      title: doc.meta.title,
      subject: doc.meta.subject,
      keywords: doc.meta.keywords.join(', '),
      ...(doc.meta.author ? { author: doc.meta.author } : {}),
      creator: 'policy-brief',
      producer: 'policy-brief (pdfmake)',
      creationDate,
      modDate: creationDate,
    },
    defaultStyle: { font: SERIF, fontSize: type.body.fontSize, lineHeight: lineHeightFor(type.body.leading, SERIF), color: colour.ink },
    styles: styles(),
    background: (currentPage: number) => (currentPage === 1 ? coverBackground(page) : null),
    header: (currentPage: number, pageCount: number) => runningHeader(doc, page, currentPage, pageCount, sectionOn(headings, currentPage)),
    footer: (currentPage: number, pageCount: number) => runningFooter(doc, page, currentPage, pageCount, options.draft),
    content: {
      // The notes travel on the root node; pdf/pdfmake/footnotes.ts sets each at the foot of its page.
      footnoteSpec: footnoteSpec(doc.notes, page, doc.meta.houseStyle.missingNote, doc.meta.language),
      // The structure plan travels there too, for pdf/pdfmake/tagging.ts.
      ...(tagged ? { structure: plan.structure } : {}),
      // Read by pdf/pdfmake/textRuns.ts.
      ...(options.textRuns === false ? { wordsApart: true } : {}),
      metadata: { language: doc.meta.language, creator: doc.meta.author ?? doc.meta.publisher ?? doc.meta.series },
      stack: [coverNode, findingsNode, contentsNode, ...body, ...end],
    },
  };
}

/** A paragraph's runs, each note marker a Reference followed by its Note. */
function paragraphRuns(inlines: Inline[], key: string, plan: StructurePlan) {
  return tagRuns(runs(inlines, plan.language), key).map((r) => (typeof r.noteRef === 'number' ? { ...r, tag: plan.note(key, r.noteRef).marker } : r));
}

/** The house style's optional bibliography: Chicago entries with a hanging indent. */
function bibliography(doc: BriefDocument, plan: StructurePlan) {
  if (!doc.bibliography.length) return [];
  plan.tocEntry('toc', 'bibliography', 'Bibliography');
  return [
    { text: tagRuns([{ text: 'Bibliography' }], plan.add('h/bibliography', { role: 'H2' })), outlineText: 'Bibliography', style: 'h1', tocItem: true, id: 'bibliography', outline: true, keepWithNext: true },
    ...doc.bibliography.map((entry, i) => ({ text: tagRuns(runs(entry, plan.language), plan.add(`bibliography/${i}`, { role: 'P' })), style: 'note', alignment: 'left', margin: [18, 0, 0, 4], leadingIndent: -18 })),
  ];
}

/** A numbered figure, kept on one page: caption, the chart as vector graphics, source line. */
function figure(info: FigureInfo, charts: ChartImages, page: PageGeometry, section: string, plan: StructurePlan) {
  const chart = charts.get(info.chartId)!;
  const key = plan.add(`figure/${info.number}`, { role: 'Figure', alt: info.alt });
  const caption = plan.add(`figure/${info.number}/caption`, { role: 'Caption', parent: key });
  return {
    figureIds: info.figureIds,
    unbreakable: true,
    // Placed by pdf/pdfmake/footnotes.ts: at the top of the next page if it does not fit here.
    float: true,
    margin: [0, space.beforeFigure, 0, space.afterFigure],
    stack: [
      {
        text: tagRuns([{ text: `Figure ${info.number}: `, bold: true, color: colour.accent }, { text: info.caption, bold: true }], caption),
        font: SANS, fontSize: type.caption.fontSize, lineHeight: lineHeightFor(type.caption.leading, SANS), margin: [0, 0, 0, 6],
        id: `figure-${info.number}`, outline: true, outlineText: `Figure ${info.number}: ${info.caption}`, outlineParentId: section,
      },
      { svg: chart.svg, width: chart.width, height: chart.height, imageCallback: refuseImage, tag: key },
      { text: tagRuns([{ text: 'Source: ', italics: true }, { text: info.source }], caption), font: SANS, fontSize: type.source.fontSize, lineHeight: lineHeightFor(type.source.leading, SANS), color: colour.muted, margin: [0, 5, 0, 0] },
      ...(info.mapNote ? [{ text: tagRuns([{ text: 'Note: ', italics: true }, { text: info.mapNote }], caption), font: SANS, fontSize: type.source.fontSize, lineHeight: lineHeightFor(type.source.leading, SANS), color: colour.muted }] : []),
      { canvas: [{ type: 'line', x1: 0, y1: 4, x2: page.bodyWidth, y2: 4, lineWidth: 0.5, lineColor: colour.rule }] },
    ],
  };
}

/** svg-to-pdfkit would open an image href itself, past pdfmake's access policy: a chart may embed nothing. */
function refuseImage(): never {
  throw new Error('charts may not embed images');
}

function footnoteSpec(notes: Note[], page: PageGeometry, missingNote: string, lang: string): FootnoteSpec {
  return {
    notes: Object.fromEntries(notes.map((n) => [n.number, {
      id: `note-${n.number}`,
      style: 'note',
      text: [
        { text: `${n.number}`, noteNumber: n.number, font: SANS, bold: true, color: colour.accent, tag: `note/${n.number}/lbl` } as Run,
        ...tagRuns([{ text: '\u2002' }, ...noteBody(n, missingNote, lang)], `note/${n.number}/body`),
      ],
    }])),
    geometry: {
      separator: 13,
      gap: 2.5,
      minLines: 2,
      shortLines: 3,
      maxCarry: (page.height - page.margins.top - page.margins.bottom) / 2,
    },
    rule: { width: 110, lineWidth: 0.5, color: colour.rule },
  };
}

function styles() {
  return {
    body: { alignment: 'justify', margin: [0, 0, 0, space.paragraph] },
    h1: { font: SANS, bold: true, fontSize: type.heading.fontSize, color: colour.accent, margin: [0, space.beforeHeading, 0, space.afterHeading], lineHeight: lineHeightFor(type.heading.leading, SANS) },
    boxTitle: { font: SANS, bold: true, fontSize: 12, color: colour.accent, margin: [0, 0, 0, 6] },
    finding: { fontSize: type.finding.fontSize, lineHeight: lineHeightFor(type.finding.leading, SERIF), margin: [0, 0, 0, space.finding] },
    tocTitle: { font: SANS, bold: true, fontSize: 12, color: colour.accent, margin: [0, 22, 0, 8] },
    toc: { font: SANS, fontSize: 10.5, margin: [0, 2, 0, 2] },
    note: { fontSize: type.note.fontSize, lineHeight: lineHeightFor(type.note.leading, SERIF), alignment: 'justify' },
    furniture: { font: SANS, fontSize: type.small.fontSize, color: colour.muted },
  };
}

function coverBackground(page: PageGeometry) {
  return { canvas: [{ type: 'rect', x: 0, y: 0, w: page.width, h: 360, color: colour.accent }] };
}

function cover(doc: BriefDocument, page: PageGeometry, draft: boolean, plan: StructurePlan) {
  const [series = '', ...rest] = doc.cover.lines;
  const text = (t: string, key: string) => tagRuns([{ text: t }], key);
  return {
    stack: [
      { text: text(series.toUpperCase(), plan.add('cover/series', { role: 'P' })), font: SANS, fontSize: 9, characterSpacing: 1.2, color: '#c9d6e3', margin: [0, 10, 0, 70] },
      { text: text(doc.cover.title, plan.add('cover/title', { role: 'H1' })), font: SANS, bold: true, fontSize: 34, lineHeight: 1.05, color: 'white', margin: [0, 0, 0, 14] },
      { text: text(doc.cover.subtitle, plan.add('cover/subtitle', { role: 'P' })), font: SANS, fontSize: 15, lineHeight: 1.2, color: '#e4ebf2', margin: [0, 0, 40, 0] },
      {
        absolutePosition: { x: page.margins.left, y: page.height - 150 },
        stack: [
          { canvas: [{ type: 'line', x1: 0, y1: 0, x2: page.bodyWidth, y2: 0, lineWidth: 0.6, lineColor: colour.rule }] },
          { text: text(rest.join('\n'), plan.add('cover/lines', { role: 'P' })), font: SANS, fontSize: 11, lineHeight: 1.4, color: colour.muted, margin: [0, 10, 0, 0] },
          ...(draft ? [{ text: 'DRAFT — open items remain; not for distribution', font: SANS, fontSize: 8, characterSpacing: 0.8, color: colour.missing, margin: [0, 6, 0, 0] }] : []),
        ],
      },
    ],
  };
}

function keyFindings(doc: BriefDocument, plan: StructurePlan) {
  const list = plan.add('findings', { role: 'L' });
  return {
    pageBreak: 'before',
    table: {
      widths: ['*'],
      body: [[{
        stack: [
          { text: tagRuns([{ text: 'Key findings' }], plan.add('findings/title', { role: 'H2', after: undefined })), outlineText: 'Key findings', style: 'boxTitle', id: 'key-findings', outline: true },
          { ul: doc.keyFindings.map((f, i) => ({ text: tagRuns(runs(f, plan.language), plan.listItem(list, `findings/${i}`)), style: 'finding', figureIds: figureIdsIn(f) })), markerColor: colour.accent },
        ],
        fillColor: colour.tint,
        margin: [10, 10, 10, 6],
      }]],
    },
    layout: { hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 3 : 0), vLineColor: () => colour.accent, paddingLeft: () => 4, paddingRight: () => 4 },
  };
}

function contents(plan: StructurePlan) {
  const title = plan.add('contents/title', { role: 'H2' });
  plan.add('toc', { role: 'TOC' });
  return {
    toc: {
      title: { text: tagRuns([{ text: 'Contents' }], title), outlineText: 'Contents', style: 'tocTitle', id: 'contents', outline: true },
      textStyle: { font: SANS, fontSize: 10.5 },
      numberStyle: { font: SANS, fontSize: 10.5 },
      textMargin: [0, 3, 0, 3],
    },
  };
}

/** A note's text, or for a note whose text is lost, the house style's wording (`{context}` filled in). */
export function noteBody(n: Note, missingNote: string, lang: string): Run[] {
  if (n.status === 'ok') return runs(n.inlines, lang);
  return [{ text: missingNote.replace('{context}', () => n.context), italics: true, color: colour.missing }];
}

/**
 * The section a page belongs to: the first one that starts on it, or else the
 * one running on from before. pdfmake draws headers after laying out the
 * body, when each heading node knows its page.
 */
function sectionOn(headings: { headingText: string; positions?: { pageNumber: number }[] }[], currentPage: number): string {
  let section = '';
  for (const h of headings) {
    const at = h.positions?.[0]?.pageNumber ?? Infinity;
    if (at === currentPage) return h.headingText;
    if (at < currentPage) section = h.headingText;
  }
  return section;
}

function runningHeader(doc: BriefDocument, page: PageGeometry, currentPage: number, pageCount: number, section: string) {
  if (currentPage === 1) return null;
  return {
    margin: [page.margins.left, 34, page.margins.right, 0],
    columns: [
      { width: 'auto', text: doc.header({ page: currentPage, pages: pageCount, section }).trim(), style: 'furniture', noWrap: true, margin: [0, 0, 16, 0] },
      { width: '*', text: section || doc.meta.series, style: 'furniture', alignment: 'right' },
    ],
  };
}

function runningFooter(doc: BriefDocument, page: PageGeometry, currentPage: number, pageCount: number, draft: boolean) {
  if (currentPage === 1) return null;
  return {
    margin: [page.margins.left, 26, page.margins.right, 0],
    columns: [
      { width: '*', text: draft ? 'DRAFT' : '', style: 'furniture', color: colour.missing, characterSpacing: 0.8 },
      { width: 'auto', text: doc.footer({ page: currentPage, pages: pageCount, section: '' }).trim(), style: 'furniture' },
      { width: '*', text: '' },
    ],
  };
}

function figureIdsIn(inlines: Inline[]): string[] {
  const ids = inlines.flatMap((n): string[] => (n.kind === 'figureRef' ? [n.figureId] : 'children' in n ? figureIdsIn(n.children) : []));
  return [...new Set(ids)];
}

/**
 * After pdfmake has laid the definition out, the pages each figure's value
 * was printed on. pdfmake records where it put each node in `positions`.
 */
export function figurePages(definition: DocDefinition): Map<string, number[]> {
  const pages = new Map<string, Set<number>>();
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as { figureIds?: string[]; positions?: { pageNumber: number }[] };
    if (n.figureIds?.length && n.positions?.length) {
      for (const id of n.figureIds) {
        const set = pages.get(id) ?? new Set<number>();
        for (const p of n.positions) set.add(p.pageNumber);
        pages.set(id, set);
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'positions' && key !== 'footnoteSpec' && !key.startsWith('_')) walk(value);
  };
  walk(definition.content);
  return new Map([...pages].map(([id, set]) => [id, [...set].sort((a, b) => a - b)]));
}

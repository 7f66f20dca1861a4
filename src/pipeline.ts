// The pipeline, stage by stage:
//
//   load ─▶ templates ─▶ model ─▶ notes ─▶ review ─▶ charts ─┬─▶ layout ─▶ pdf ─┬─▶ write
//   data/   Handlebars   mdast,   citeproc  open      Vega-Lite │   pdfmake    pdfmake │   atomic PDF
//   YAML    → Markdown   numbers  Chicago,  items,    → SVG     │   doc def    bytes   │   and HTML,
//                                 Ibid.     --final             └─▶ html ─────────────┘   figure report
//                                                                   the web edition (--format html)
import { dirname, join } from 'node:path';
import { loadProject, type Project } from './load/loadProject.ts';
import { renderTemplates } from './templates/renderTemplates.ts';
import { buildModel } from './model/buildModel.ts';
import { generateNotes } from './notes/generateNotes.ts';
import { openItems, type OpenItem } from './review/openItems.ts';
import { renderCharts } from './charts/renderCharts.ts';
import { docDefinition, figurePages } from './layout/docDefinition.ts';
import { dataAttachments } from './layout/attachments.ts';
import { keepHyphenation, recallHyphenation } from './layout/hyphenate.ts';
import { pageGeometry, type Paper } from './layout/theme.ts';
import { renderPdf, writeAtomically } from './pdf/writePdf.ts';
import { htmlPath, type Format } from './formats.ts';
import { creationDate } from './pdf/creationDate.ts';
import { compare, readSnapshot, snapshot, type FigureChange, type FigureSnapshot } from './review/figureReport.ts';
import { BriefFailure } from './errors/BriefError.ts';
import { messages } from './errors/messages.ts';
import type { BriefDocument } from './model/types.ts';
import type { Cache } from './cache/cache.ts';

export type Stage = 'load' | 'templates' | 'model' | 'notes' | 'review' | 'charts' | 'layout' | 'pdf' | 'html' | 'write';

export interface BuildOptions {
  paper?: Paper;
  /** Default: the PDF only. */
  formats?: Format[];
  /** Refuse to build while open items remain. */
  final?: boolean;
  /** Where generated notes and chart SVGs are kept between builds (default: none). */
  cache?: Cache;
  /**
   * The process builds again (`brief watch`): what a rebuild can reuse is kept
   * in memory (parsed Markdown, measured paragraphs, compressed streams, chart
   * sizes). Off for a single build, which would only hold it (+80 MB at 20×).
   */
  rebuilds?: boolean;
  /** Tagged PDF/UA-1 (the default); off only to compare what tagging changes. */
  tagged?: boolean;
  /** A line's words of one look drawn as one text object (the default); off only to compare what that changes. */
  textRuns?: boolean;
  /** Called as each stage starts, for a progress line. */
  onStage?: (stage: Stage) => void;
}

export interface BuildResult {
  document: BriefDocument;
  /** The PDF's bytes; empty when only the web edition was asked for. */
  pdf: Buffer;
  /** The web edition, when asked for. */
  html?: Buffer;
  openItems: OpenItem[];
  /** Each figure's printed value and the pages it is on. */
  figures: FigureSnapshot;
  /** The paper it was set on. */
  paper: Paper;
  /** Milliseconds per stage; `pdf` includes pdfmake's page layout, reported apart as `pageLayout`. */
  timings: Partial<Record<Stage | 'pageLayout', number>>;
}

/** Everything but writing: the document and its PDF bytes. */
export async function build(root: string, options: BuildOptions = {}): Promise<BuildResult> {
  const timings: BuildResult['timings'] = {};
  const project = await timed(timings, options, 'load', () => loadProject(root, options.cache));
  return buildProject(project, options, timings);
}

/** The stages after loading, for a project already in memory (tests and the bench scale it). */
export async function buildProject(project: Project, options: BuildOptions = {}, timings: BuildResult['timings'] = {}): Promise<BuildResult> {
  const paper = options.paper ?? project.meta.paper ?? 'a4';
  const step = <T>(stage: Stage, run: () => T | Promise<T>) => timed(timings, options, stage, run);
  const rendered = await step('templates', () => renderTemplates(project, options.cache));
  const draft = await step('model', () => buildModel(project, rendered, options.cache, options.rebuilds));
  const document = await step('notes', () => generateNotes(project, draft, options.cache));
  const open = await step('review', () => openItems(project, document));
  if (options.final && open.length) throw new BriefFailure([...open.map((item) => messages.openItem(item.where, item.what)), messages.finalRefused(open.length)]);
  const charts = await step('charts', () => renderCharts(project, document, pageGeometry(paper).bodyWidth, options.cache));
  const formats = options.formats ?? ['pdf'];
  const html = formats.includes('html')
    // Loaded only when asked for: a PDF build does not pay for the HTML writer and its SVG parser.
    ? Buffer.from(await step('html', async () => (await import('./html/writeHtml.ts')).renderHtml(document, charts, { draft: open.length > 0, cache: options.cache })))
    : undefined;
  if (!formats.includes('pdf')) {
    return { document, pdf: Buffer.alloc(0), html, paper, openItems: open, figures: snapshot(project.figures, new Map(), project.meta.language), timings };
  }
  const definition = await step('layout', () => {
    recallHyphenation(options.cache, document.meta.language);
    const definition = docDefinition(document, charts, {
      paper, creationDate: creationDate(document.meta.date), draft: open.length > 0, tagged: options.tagged, textRuns: options.textRuns,
      attachments: dataAttachments(document.meta, project.figures, document.notes, project.references),
    });
    keepHyphenation(options.cache, document.meta.language);
    return definition;
  });
  const { bytes, pageLayoutMs } = await step('pdf', () => renderPdf(definition, options.cache, options.rebuilds));
  timings.pageLayout = pageLayoutMs;
  return { document, pdf: bytes, html, paper, openItems: open, figures: snapshot(project.figures, figurePages(definition), project.meta.language), timings };
}

export interface FileResult extends BuildResult {
  /** Figures whose value changed since the last build that wrote this file. */
  changes: FigureChange[];
}

/** Builds and writes the PDF (and the web edition beside it, out/brief.html), then the figure report; each atomically. */
export async function buildToFile(root: string, outFile: string, options: BuildOptions = {}): Promise<FileResult> {
  const result = await build(root, options);
  const reportFile = figureReportPath(outFile);
  const changes = compare(readSnapshot(reportFile), result.figures);
  await timed(result.timings, options, 'write', () => {
    if (result.pdf.length) writeAtomically(outFile, result.pdf);
    if (result.html) writeAtomically(htmlPath(outFile), result.html);
    writeAtomically(reportFile, Buffer.from(JSON.stringify({ pdf: outFile, figures: result.figures }, null, 2) + '\n'));
  });
  return { ...result, changes };
}


/** out/brief.pdf keeps its report in out/brief.figures.json. */
export function figureReportPath(outFile: string): string {
  return join(dirname(outFile), `${outFile.split(/[\\/]/).pop()!.replace(/\.pdf$/i, '')}.figures.json`);
}

async function timed<T>(timings: BuildResult['timings'], options: BuildOptions, stage: Stage, run: () => T | Promise<T>): Promise<T> {
  options.onStage?.(stage);
  const started = performance.now();
  try {
    return await run();
  } finally {
    timings[stage] = performance.now() - started;
  }
}

// The pipeline, stage by stage:
//
//   load ─▶ templates ─▶ model ─▶ notes ─▶ charts ─▶ layout ─▶ pdf ─▶ write
//   data/   Handlebars   mdast,   citeproc  Vega-Lite  pdfmake  pdfmake  atomic
//   YAML    → Markdown   numbers  Chicago,  → SVG      doc def  pages,   rename
//                                 Ibid.                        bytes
import { loadProject, type Project } from './load/loadProject.ts';
import { renderTemplates } from './templates/renderTemplates.ts';
import { buildModel } from './model/buildModel.ts';
import { generateNotes } from './notes/generateNotes.ts';
import { renderCharts } from './charts/renderCharts.ts';
import { docDefinition } from './layout/docDefinition.ts';
import { renderPdf, writeAtomically } from './pdf/writePdf.ts';
import { creationDate } from './pdf/creationDate.ts';
import type { BriefDocument } from './model/types.ts';

export type Stage = 'load' | 'templates' | 'model' | 'notes' | 'charts' | 'layout' | 'pdf' | 'write';

export interface BuildResult {
  document: BriefDocument;
  pdf: Buffer;
  /** Milliseconds per stage; `pdf` includes pdfmake's page layout, reported apart as `pageLayout`. */
  timings: Partial<Record<Stage | 'pageLayout', number>>;
}

/** Everything but writing: the document and its PDF bytes. */
export async function build(root: string): Promise<BuildResult> {
  const timings: BuildResult['timings'] = {};
  const project = timed(timings, 'load', () => loadProject(root));
  return buildProject(project, timings);
}

/** The stages after loading, for a project already in memory (tests and the bench scale it). */
export async function buildProject(project: Project, timings: BuildResult['timings'] = {}): Promise<BuildResult> {
  const rendered = timed(timings, 'templates', () => renderTemplates(project));
  const draft = timed(timings, 'model', () => buildModel(project, rendered));
  const document = timed(timings, 'notes', () => generateNotes(project, draft));
  let started = performance.now();
  const charts = await renderCharts(project, document);
  timings.charts = performance.now() - started;
  const definition = timed(timings, 'layout', () => docDefinition(document, charts, creationDate(document.meta.date)));
  started = performance.now();
  const { bytes, pageLayoutMs } = await renderPdf(definition);
  timings.pdf = performance.now() - started;
  timings.pageLayout = pageLayoutMs;
  return { document, pdf: bytes, timings };
}

export async function buildToFile(root: string, outFile: string): Promise<BuildResult> {
  const result = await build(root);
  timed(result.timings, 'write', () => writeAtomically(outFile, result.pdf));
  return result;
}

function timed<T>(timings: BuildResult['timings'], stage: Stage, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    timings[stage] = performance.now() - started;
  }
}

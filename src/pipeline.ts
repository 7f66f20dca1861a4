// The pipeline, stage by stage:
//
//   load ─▶ templates ─▶ model ─▶ layout ─▶ pdf ─▶ write
//   data/   Handlebars   mdast,   pdfmake   bytes   atomic
//   YAML    → Markdown   notes    doc def           rename
import { loadProject } from './load/loadProject.ts';
import { renderTemplates } from './templates/renderTemplates.ts';
import { buildModel } from './model/buildModel.ts';
import { docDefinition } from './layout/docDefinition.ts';
import { renderPdf, writeAtomically } from './pdf/writePdf.ts';
import { creationDate } from './pdf/creationDate.ts';
import type { BriefDocument } from './model/types.ts';

export interface BuildResult {
  document: BriefDocument;
  pdf: Buffer;
}

/** Everything but writing: the document and its PDF bytes. */
export async function build(root: string): Promise<BuildResult> {
  const project = loadProject(root);
  const rendered = renderTemplates(project);
  const document = buildModel(project, rendered);
  const pdf = await renderPdf(docDefinition(document, creationDate(document.meta.date)));
  return { document, pdf };
}

export async function buildToFile(root: string, outFile: string): Promise<BuildResult> {
  const result = await build(root);
  writeAtomically(outFile, result.pdf);
  return result;
}

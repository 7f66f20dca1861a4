// What keeps the brief a draft: notes whose text is missing, figures with no
// source, characters the fonts cannot draw, and TODO marks left in data,
// templates or chart specs.
import type { Location } from '../errors/BriefError.ts';
import type { Project } from '../load/loadProject.ts';
import type { BriefDocument } from '../model/types.ts';
import { missingGlyphs } from './glyphs.ts';
import type { Inline } from '../model/types.ts';

/** Figures printed in the prose or the findings, or plotted in a chart. */
function usedFigures(document: BriefDocument): Set<string> {
  const used = new Set<string>(document.figures.flatMap((f) => f.figureIds));
  const walk = (inlines: Inline[]): void => inlines.forEach((n) => {
    if (n.kind === 'figureRef') used.add(n.figureId);
    else if ('children' in n) walk(n.children);
  });
  document.keyFindings.forEach(walk);
  for (const s of document.sections) for (const b of s.blocks) if (b.kind === 'paragraph') walk(b.inlines);
  return used;
}

export interface OpenItem {
  where: Location;
  what: string;
}

export function openItems(project: Project, document: BriefDocument): OpenItem[] {
  const items: OpenItem[] = [];
  for (const n of document.notes) {
    if (n.status === 'missing') items.push({ where: project.whereNote(n.id), what: `note ${n.number} ("${n.id}") has no text` });
  }
  for (const [id, f] of Object.entries(project.figures)) {
    if (!f.note) items.push({ where: project.whereFigure(id), what: `figure "${id}" has no source note` });
  }
  // A figure or source the brief never uses is probably a slip: it stays an open item until used or removed.
  const used = usedFigures(document);
  for (const id of Object.keys(project.figures)) {
    if (!used.has(id)) items.push({ where: project.whereFigure(id), what: `figure "${id}" is never printed` });
  }
  const cited = new Set(document.notes.flatMap((n) => (n.status === 'ok' ? n.refs : [])));
  for (const id of Object.keys(project.references)) {
    if (!cited.has(id)) items.push({ where: { file: 'data/references.json' }, what: `reference "${id}" is never cited` });
  }
  for (const { where, char } of missingGlyphs(project, document)) {
    items.push({ where, what: `the brief's fonts cannot draw "${char}" (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})` });
  }
  for (const source of project.sources) {
    source.text.split('\n').forEach((line, i) => {
      const todo = /\bTODO\b:?\s*(.*)/.exec(line);
      if (todo) items.push({ where: { file: source.file, line: i + 1 }, what: `TODO ${todo[1].trim()}`.trim() });
    });
  }
  return items;
}

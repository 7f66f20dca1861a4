// Characters the brief's fonts cannot draw: found before pdfmake would print
// them as empty boxes, each with where it comes from.
import type { Location } from '../errors/BriefError.ts';
import type { Project } from '../load/loadProject.ts';
import type { BriefDocument, Inline } from '../model/types.ts';
import { inlineText } from '../model/buildModel.ts';
import { fontFiles, openFont, SANS, SERIF } from '../layout/fonts.ts';
import { positionAt } from '../load/readText.ts';

let coverage: Record<string, (codePoint: number) => boolean> | undefined;

function covers(): Record<string, (codePoint: number) => boolean> {
  if (!coverage) {
    const fonts = fontFiles();
    coverage = Object.fromEntries([SERIF, SANS].map((family) => {
      const font = openFont(fonts[family].normal);
      return [family, (c: number) => font.hasGlyphForCodePoint(c)];
    }));
  }
  return coverage;
}

/** Formatting and spacing characters that need no glyph of their own. */
const INVISIBLE = /[\s\u00AD\u200B-\u200D\u2060\uFEFF]/u;

export function missingGlyphs(project: Project, document: BriefDocument): { where: Location; char: string }[] {
  const texts: { where: Location; family: string; text: string }[] = [];
  const add = (where: Location, family: string, text: string) => texts.push({ where, family, text });
  const prose = (where: Location, inlines: Inline[]) => add(where, SERIF, inlineText(inlines));
  add({ file: 'data/brief.yaml' }, SANS, [document.cover.title, document.cover.subtitle, ...document.cover.lines, document.meta.shortTitle].join(' '));
  document.keyFindings.forEach((f) => prose({ file: 'templates/key-findings.md.hbs' }, f));
  for (const s of document.sections) {
    add({ file: 'data/sections.yaml', path: s.id }, SANS, s.heading);
    for (const b of s.blocks) if (b.kind === 'paragraph') prose({ file: `templates/sections/${s.id}.md.hbs` }, b.inlines);
  }
  for (const n of document.notes) add(project.whereNote(n.id), SERIF, n.status === 'ok' ? inlineText(n.inlines) : n.context);
  for (const f of document.figures) add(project.whereChart(f.chartId), SANS, [f.caption, f.source, f.mapNote ?? ''].join(' '));

  const found: { where: Location; char: string }[] = [];
  const seen = new Set<string>();
  // The brief's 40,000 characters are a hundred distinct ones: each is looked up once per family.
  const drawable = new Map<string, Map<string, boolean>>();
  for (const { where, family, text } of texts) {
    let known = drawable.get(family);
    if (!known) drawable.set(family, (known = new Map()));
    for (const char of text) {
      let ok = known.get(char);
      if (ok === undefined) known.set(char, (ok = INVISIBLE.test(char) || covers()[family](char.codePointAt(0)!)));
      if (ok) continue;
      const key = `${where.file}#${where.path ?? ''}#${char}`;
      if (!seen.has(key)) {
        seen.add(key);
        found.push({ where: where.line ? where : { ...where, ...lineOf(project, where.file, char) }, char });
      }
    }
  }
  return found;
}

/** The line and column where a character first appears in a project file, when it can be found there. */
function lineOf(project: Project, file: string | undefined, char: string): Partial<Location> {
  const text = project.sources.find((s) => s.file === file)?.text;
  const at = text?.indexOf(char) ?? -1;
  return text && at >= 0 ? positionAt(text, at) : {};
}

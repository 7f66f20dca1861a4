// Load stage: reads and validates data/ and templates/ into one typed Project.
import { readYaml, locate, type YamlSource } from './readYaml.ts';
import { readText } from './readText.ts';
import { metaSchema, sectionsSchema, figuresSchema, notesSchema, chartsSchema, referencesSchema, type Meta, type SectionDef, type Figure, type NoteDef, type ChartDef, type Reference } from './schema.ts';
import { readJson } from './readJson.ts';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BriefFailure, type Location } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import type { Cache } from '../cache/cache.ts';

export interface TemplateSource {
  file: string;
  text: string;
}

export interface Project {
  root: string;
  meta: Meta;
  sections: (SectionDef & { template: TemplateSource })[];
  figures: Record<string, Figure>;
  notes: Record<string, NoteDef>;
  /** CSL-JSON references by id. */
  references: Record<string, Reference>;
  /** Chart definitions with their Vega-Lite specs, by chart id. */
  charts: Record<string, ChartDef & { vegaLite: Record<string, unknown> }>;
  templates: { cover: TemplateSource; keyFindings: TemplateSource; header: TemplateSource; footer: TemplateSource };
  /** Where each figure and note is defined, for error messages. */
  whereFigure: (id: string) => Location;
  whereNote: (id: string) => Location;
  whereNoteField: (id: string, path: (string | number)[]) => Location;
  whereChart: (id: string) => Location;
  /** Every file read, as text: for TODO marks and the change report. */
  sources: TemplateSource[];
}

/** `cache`: parsed YAML kept between builds, by the file's text. */
export function loadProject(root: string, cache?: Cache): Project {
  const sources: TemplateSource[] = [];
  const read = (file: string) => {
    const text = readText(root, file);
    sources.push({ file, text });
    return text;
  };
  const meta = readYaml(root, 'data/brief.yaml', metaSchema, cache);
  const sections = readYaml(root, 'data/sections.yaml', sectionsSchema, cache);
  const figures = readYaml(root, 'data/figures.yaml', figuresSchema, cache);
  const notes = readYaml(root, 'data/notes.yaml', notesSchema, cache);
  const charts = readYaml(root, 'data/charts.yaml', chartsSchema, cache);
  const references = readYaml(root, 'data/references.json', referencesSchema, cache);
  checkUniqueIds(references.value, references.src);
  checkUniqueIds(sections.value, sections.src);
  checkSectionTemplates(root, sections.value);
  const template = (file: string): TemplateSource => ({ file, text: read(file) });
  return {
    root,
    meta: meta.value,
    sections: sections.value.map((s) => ({ ...s, template: template(`templates/sections/${s.id}.md.hbs`) })),
    figures: figures.value,
    notes: notes.value,
    references: Object.fromEntries(references.value.map((r) => [r.id, r])),
    charts: Object.fromEntries(Object.entries(charts.value).map(([id, c]) => [id, { ...c, vegaLite: readJson(root, c.spec, read) }])),
    templates: {
      cover: template('templates/cover.md.hbs'),
      keyFindings: template('templates/key-findings.md.hbs'),
      header: template('templates/header.hbs'),
      footer: template('templates/footer.hbs'),
    },
    whereFigure: (id) => locate(figures.src, [id]),
    whereNote: (id) => locate(notes.src, [id]),
    whereNoteField: (id, path) => locate(notes.src, [id, ...path]),
    whereChart: (id) => locate(charts.src, [id]),
    sources: [...[meta, sections, figures, notes, charts, references].map((d) => ({ file: d.src.file, text: d.src.text })), ...sources],
  };
}

/**
 * A section template that data/sections.yaml does not list would be silently
 * left out (a half-written sections.yaml, a typo in an id): that is an error.
 */
function checkSectionTemplates(root: string, sections: { id: string }[]): void {
  const dir = join(root, 'templates', 'sections');
  if (!existsSync(dir)) return;
  const listed = new Set(sections.map((s) => s.id));
  const errors = readdirSync(dir).filter((f) => f.endsWith('.md.hbs') && !listed.has(f.slice(0, -'.md.hbs'.length)))
    .sort().map((f) => messages.sectionNotListed(`templates/sections/${f}`, f.slice(0, -'.md.hbs'.length)));
  if (errors.length) throw new BriefFailure(errors);
}

/** Lists (sections, references) name their ids in a field, where YAML cannot catch a repeat. */
function checkUniqueIds(list: { id: string }[], src: YamlSource): void {
  const seen = new Set<string>();
  const errors = list.flatMap((s, i) => {
    if (!seen.has(s.id)) {
      seen.add(s.id);
      return [];
    }
    return [messages.duplicateId(locate(src, [i, 'id']), s.id)];
  });
  if (errors.length) throw new BriefFailure(errors);
}

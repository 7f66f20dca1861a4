// Templates stage: fills the Handlebars templates with data, giving Markdown
// for the prose and the findings box, and functions for the running header
// and footer.
import Handlebars from 'handlebars';
import { BriefFailure, fail, type BriefError } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import type { Project, TemplateSource } from '../load/loadProject.ts';
import { makeHelpers } from './helpers.ts';
import { escapeStrings } from './markdownEscape.ts';
import { RESERVED_KEYS } from '../load/readYaml.ts';
import { LIMITS } from '../limits.ts';
import type { Cache } from '../cache/cache.ts';

export interface RenderedMarkdown {
  file: string;
  markdown: string;
}

export interface PageContext {
  page: number;
  pages: number;
  section: string;
}

export interface Rendered {
  cover: RenderedMarkdown;
  keyFindings: RenderedMarkdown;
  sections: { id: string; heading: string; body: RenderedMarkdown }[];
  /** Each chart's alt text, a template fed by the same figures as the chart. */
  alts: Record<string, RenderedMarkdown>;
  header: (ctx: PageContext) => string;
  footer: (ctx: PageContext) => string;
}

/** `cache`: templates compiled by earlier builds, kept as Handlebars' precompiled JavaScript. */
export function renderTemplates(project: Project, cache?: Cache): Rendered {
  const markdownContext = { meta: escapeStrings(project.meta) };
  let total = 0;
  const markdown = (source: TemplateSource, notesAllowed: boolean): RenderedMarkdown => {
    const text = run(source, markdownContext, { notesAllowed, project, noEscape: false, cache });
    total += text.length;
    // Bounded before layout: a runaway template would take minutes and gigabytes to set.
    if (text.length > LIMITS.templateChars) fail(messages.limit({ file: source.file }, `the template gives ${text.length.toLocaleString('en')} characters`, `${LIMITS.templateChars.toLocaleString('en')} characters`));
    if (total > LIMITS.briefChars) fail(messages.limit({ file: source.file }, `the brief's text reaches ${total.toLocaleString('en')} characters`, `${LIMITS.briefChars.toLocaleString('en')} characters`));
    return { file: source.file, markdown: text };
  };
  const errors: BriefError[] = [];
  const collect = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof BriefFailure)) throw e;
      errors.push(...e.errors);
      return undefined;
    }
  };
  const cover = collect(() => markdown(project.templates.cover, false));
  const keyFindings = collect(() => markdown(project.templates.keyFindings, false));
  const sections = project.sections.map((s) => collect(() => ({ id: s.id, heading: s.heading, body: markdown(s.template, true) })));
  const alts = Object.fromEntries(Object.entries(project.charts).map(([id, chart]) =>
    [id, collect(() => markdown({ file: `${project.whereChart(id).file} (chart "${id}", alt)`, text: chart.alt }, false))]));
  // Header and footer are plain text, drawn once per page.
  const plain = (source: TemplateSource) => {
    const first = collect(() => run(source, { meta: project.meta, page: 1, pages: 1, section: '' }, { notesAllowed: false, project, noEscape: true, cache }));
    return (ctx: PageContext) =>
      first === undefined ? '' : run(source, { meta: project.meta, ...ctx }, { notesAllowed: false, project, noEscape: true, cache });
  };
  const header = plain(project.templates.header);
  const footer = plain(project.templates.footer);
  if (errors.length) throw new BriefFailure(errors);
  return { cover: cover!, keyFindings: keyFindings!, sections: sections as Rendered['sections'], alts: alts as Rendered['alts'], header, footer };
}

/** One Handlebars environment; helpers are per template and passed at each call. */
const env = Handlebars.create();
/** The last compiled version of each template, so a watch rebuild recompiles only what was edited. */
const compiled = new Map<string, { text: string; template: HandlebarsTemplateDelegate }>();
function compile(source: TemplateSource, noEscape: boolean, cache: Cache | undefined): HandlebarsTemplateDelegate {
  const key = `${noEscape}\0${source.file}`;
  const hit = compiled.get(key);
  if (hit?.text === source.text) return hit.template;
  const template = env.template(precompiled(source, { strict: true, noEscape }, cache));
  compiled.set(key, { text: source.text, template });
  return template;
}

/**
 * Handlebars' compiler turns a template into JavaScript source (what
 * `env.compile` does on first call: 60 ms for the paper's templates); a fresh
 * process takes that source from the cache. Only text that passed checkPaths
 * and compiled is stored, keyed by the text and the options.
 */
function precompiled(source: TemplateSource, options: { strict: boolean; noEscape: boolean }, cache: Cache | undefined): TemplateSpecification {
  const key = { text: source.text, options };
  const stored = cache?.read<string>('template', key);
  if (typeof stored === 'string') return specOf(stored);
  checkPaths(source, env);
  let code: string;
  try {
    code = String(env.precompile(source.text, { ...options })); // a copy: Handlebars adds its defaults to the object
  } catch (e) {
    fail(translateHandlebarsError(source.file, e));
  }
  cache?.write('template', key, code);
  return specOf(code);
}

// precompile gives one object literal as source; evaluated as Handlebars' own precompiled files are.
const specOf = (code: string): TemplateSpecification => new Function(`return ${code}`)() as TemplateSpecification;

function run(
  source: TemplateSource,
  context: object,
  opts: { notesAllowed: boolean; project: Project; noEscape: boolean; cache: Cache | undefined },
): string {
  const template = compile(source, opts.noEscape, opts.cache);
  const helpers = makeHelpers({ file: source.file, figures: opts.project.figures, notes: opts.project.notes, charts: opts.project.charts, notesAllowed: opts.notesAllowed, language: opts.project.meta.language }, env.SafeString);
  try {
    return template(context, {
      helpers,
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    });
  } catch (e) {
    if (e instanceof BriefFailure) throw e;
    fail(translateHandlebarsError(source.file, e));
  }
}

/**
 * Handlebars blocks prototype access but prints an empty string for it; a
 * template that reaches for `constructor` or `__proto__` is a mistake, said so.
 */
function checkPaths(source: TemplateSource, env: typeof Handlebars): void {
  let ast: hbs.AST.Program;
  try {
    ast = env.parse(source.text);
  } catch (e) {
    fail(translateHandlebarsError(source.file, e));
  }
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; parts?: string[]; original?: string; loc?: { start: { line: number; column: number } } };
    if (n.type === 'PathExpression' && n.parts?.some((p) => RESERVED_KEYS.has(p))) {
      fail(messages.templateVariable({ file: source.file, line: n.loc?.start.line, column: (n.loc?.start.column ?? 0) + 1 }, n.original ?? ''));
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(ast);
}

/** Handlebars reports syntax errors and strict-mode misses as strings with a line number inside. */
function translateHandlebarsError(file: string, e: unknown): BriefError {
  const text = e instanceof Error ? e.message : String(e);
  const missing = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(text);
  if (missing) return messages.templateVariable({ file, line: Number(missing[2]), column: Number(missing[3]) + 1 }, missing[1]);
  const parse = /Parse error on line (\d+):[\s\S]*?\n(Expecting [\s\S]*|Lexical error[\s\S]*)$/.exec(text) ?? /Parse error on line (\d+):()/.exec(text);
  if (parse) return messages.templateSyntax({ file, line: Number(parse[1]) }, (parse[2] || text.split('\n').pop() || '').trim());
  const other = /^(.*?)(?: - (\d+):(\d+))?$/.exec(text.split('\n')[0]);
  return messages.templateSyntax({ file, line: other?.[2] ? Number(other[2]) : undefined }, other?.[1] ?? text);
}

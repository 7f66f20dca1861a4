// The Handlebars helpers templates use to print figures and cite notes.
// Every number in the prose comes through `fig`, `year`, `period` or `base`.
import type { HelperOptions } from 'handlebars';
import { fail, type BriefError, type Location } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import { formatDate, formatFigure, figureYear, figurePeriod, figureBase, formatQualified, FormatProblem, type Style } from '../figures/format.ts';
import type { Figure } from '../load/schema.ts';
import { escapeMarkdown } from './markdownEscape.ts';

export interface HelperScope {
  file: string;
  figures: Record<string, Figure>;
  notes: Record<string, unknown>;
  charts: Record<string, unknown>;
  /** Whether this template may cite notes and place charts (the prose may; the findings box may not). */
  notesAllowed: boolean;
  /** The brief's language (meta.language): digits, separators and dates follow it. */
  language: string;
}

/** The Markdown inline HTML that stands for a note marker until the model stage numbers it. */
export const noteRefTag = (id: string, line: number) => `<note-ref id="${id}" line="${line}"/>`;
export const NOTE_REF_PATTERN = /^<note-ref id="([a-z0-9-]+)" line="(\d+)"\/>$/;
/** Marks where a figure's value is printed, so the build can report the pages it appears on. */
export const figureValueTag = (id: string) => `<fig-ref id="${id}"/>`;
export const FIGURE_VALUE_PATTERN = /^<fig-ref id="([a-z0-9-]+)"\/>$/;
/** A chart's place in the prose: a block of its own until the model stage numbers it. */
export const figureRefTag = (id: string, line: number) => `\n\n<figure-ref id="${id}" line="${line}"/>\n\n`;
export const FIGURE_REF_PATTERN = /^<figure-ref id="([a-z0-9-]+)" line="(\d+)"\/>$/;

type Helper = (...args: unknown[]) => string;

export function makeHelpers(scope: HelperScope, SafeString: new (s: string) => unknown): Record<string, Helper> {
  const where = (options: HelperOptions): Location => {
    const loc = (options as unknown as { loc?: { start: { line: number; column: number } } }).loc;
    return { file: scope.file, line: loc?.start.line, column: loc ? loc.start.column + 1 : undefined };
  };
  const idArgument = (name: string, args: unknown[]): [string, HelperOptions] => {
    const options = args[args.length - 1] as HelperOptions;
    if (args.length !== 2 || typeof args[0] !== 'string') fail(messages.helperArguments(where(options), name, `one figure id in quotes, e.g. {{${name} "bor-acquisition"}}`));
    return [args[0] as string, options];
  };
  const figure = (name: string, args: unknown[]): [Figure, string, HelperOptions] => {
    const [id, options] = idArgument(name, args);
    const f = Object.hasOwn(scope.figures, id) ? scope.figures[id] : undefined;
    if (!f) fail(messages.unknownFigure(where(options), id, Object.keys(scope.figures)));
    return [f, id, options];
  };
  const guarded = (name: string, print: (f: Figure, options: HelperOptions) => string | number): Helper =>
    (...args) => {
      const [f, id, options] = figure(name, args);
      try {
        return new SafeString(figureValueTag(id) + escapeMarkdown(String(print(f, options)))) as unknown as string;
      } catch (e) {
        if (!(e instanceof FormatProblem)) throw e;
        const at = where(options);
        if (e.reason === 'no-value') fail(messages.figureHasNoValue(at, id));
        if (e.reason === 'style') fail(messages.wrongFigureStyle(at, id, e.detail, f.kind));
        fail(messages.figureHasNoYear(at, id, e.reason.slice(3)));
      }
    };
  const style = (options: HelperOptions): Style => (options.hash.style as Style | undefined) ?? 'default';
  /** {{figure "id"}} and {{note "id"}}: a checked id, printed as the tag the model stage reads. */
  const placement = (
    name: string,
    what: string,
    table: Record<string, unknown>,
    unknown: (at: Location, id: string, known: string[]) => BriefError,
    tag: (id: string, line: number) => string,
  ): Helper => (...args) => {
    const [id, options] = idArgument(name, args);
    const at = where(options);
    if (!scope.notesAllowed) fail(messages.markdownUnsupported(at, what, `${name}s in the prose only`));
    if (!Object.hasOwn(table, id)) fail(unknown(at, id, Object.keys(table)));
    return new SafeString(tag(id, at.line ?? 0)) as unknown as string;
  };

  return {
    // A figure prints with its hedge ("about", "almost", "more than", "over") unless the template asks for the bare number.
    fig: guarded('fig', (f, o) => (o.hash.bare ? formatFigure(f, style(o), scope.language) : formatQualified(f, style(o), scope.language))),
    year: guarded('year', (f) => figureYear(f)),
    period: guarded('period', (f, o) => figurePeriod(f, Boolean(o.hash.short))),
    base: guarded('base', (f) => figureBase(f)),
    date: (...args) => {
      const options = args[args.length - 1] as HelperOptions;
      if (args.length !== 2 || typeof args[0] !== 'string') fail(messages.helperArguments(where(options), 'date', 'a date string, e.g. {{date meta.date}}'));
      // Strings reach templates Markdown-escaped ("2024\\-05"): the date is read without the escapes.
      const iso = (args[0] as string).replace(/\\(.)/g, '$1');
      if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(iso)) fail(messages.helperArguments(where(options), 'date', 'a date as YYYY, YYYY-MM or YYYY-MM-DD'));
      return new SafeString(escapeMarkdown(formatDate(iso, scope.language))) as unknown as string;
    },
    figure: placement('figure', 'a figure', scope.charts, messages.unknownChart, figureRefTag),
    note: placement('note', 'a note marker', scope.notes, messages.unknownNote, noteRefTag),
  };
}

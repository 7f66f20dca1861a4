// The shape of every data file, as zod schemas; the types the rest of the
// pipeline works with are inferred from them.
import { z } from 'zod';
import { isCurrency } from '../figures/format.ts';
import { language, SUPPORTED_LANGUAGES } from './language.ts';
import { DOI, isSafeLink, schemeOf } from '../model/links.ts';

// A schema checks its file once a process (a few times in watch): compiling
// zod's fast path for it (new Function) cost more than it saved, about 20 ms of
// loading the project in a fresh process. The checks are the same either way.
z.config({ jitless: true });

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id is lower-case letters, digits and hyphens');
const text = z.string().min(1).max(100_000);
const year = z.number().int().min(1800).max(2200);

export const metaSchema = z.strictObject({
  title: text,
  subtitle: text,
  shortTitle: text,
  series: text,
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date is YYYY, YYYY-MM or YYYY-MM-DD'),
  author: text.nullable(),
  publisher: text.nullable(),
  language: z.string().refine((tag) => language(tag) !== undefined, `unsupported language: a brief can be set in ${SUPPORTED_LANGUAGES.join(', ')} (hyphenation patterns and a CSL locale exist for these)`),
  subject: text,
  keywords: z.array(text),
  /** The paper the brief is set on, unless the command line says otherwise. */
  paper: z.enum(['a4', 'letter']).optional(),
  /** House style: "Ibid." for a note citing just what the previous note cited; a bibliography at the end. */
  houseStyle: z.strictObject({
    ibid: z.boolean(),
    bibliography: z.boolean(),
    /** How a note whose text is lost is printed; {context} is the note's context from notes.yaml. */
    missingNote: text.default('[Note text missing: {context}.]'),
    /** How many key findings the box holds. */
    findings: z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(1).max(20) }).default({ min: 1, max: 8 }),
  }),
});

export const sectionsSchema = z.array(z.strictObject({ id, heading: text })).min(1);

const qualifier = z.enum(['about', 'almost', 'more than', 'over', 'as many as', 'only']);
const period = z.strictObject({ from: year, to: year }).refine((p) => p.from <= p.to, 'a period ends after it starts');
const common = {
  label: text,
  qualifier: qualifier.optional(),
  year: year.optional(),
  period: period.optional(),
  note: id.optional(),
};

export const figureSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('money'),
    ...common,
    currency: z.string().refine(isCurrency, 'a currency is an ISO 4217 code, e.g. EUR, USD, GBP, CHF'),
    value: z.number().positive().nullable().optional(),
    min: z.number().positive().optional(),
    max: z.number().positive().optional(),
  }).refine((f) => (f.value !== undefined) !== (f.min !== undefined && f.max !== undefined), {
    message: 'a money figure has either value, or min and max',
  }),
  z.strictObject({ kind: z.literal('percent'), ...common, value: z.number().min(0).max(100) }),
  z.strictObject({ kind: z.literal('count'), ...common, value: z.number().int().nonnegative() }),
  z.strictObject({ kind: z.literal('multiple'), ...common, value: z.number().positive(), base: year.optional() }),
  z.strictObject({ kind: z.literal('rank'), ...common, value: z.number().int().positive() }),
  z.strictObject({
    kind: z.literal('fraction'),
    ...common,
    numerator: z.number().int().positive(),
    denominator: z.number().int().positive(),
  }),
  z.strictObject({ kind: z.literal('period'), ...common, period }),
]);

export const figuresSchema = z.record(id, figureSchema);

const citeItem = z.strictObject({ ref: id, locator: z.string().min(1).max(100).optional() });
export const noteSchema = z.union([
  z.strictObject({ text }),
  z.strictObject({ cite: z.array(citeItem).min(1).max(50) }),
  z.strictObject({ missing: z.literal(true), context: text }),
]);
export const notesSchema = z.record(id, noteSchema);

export type Meta = z.infer<typeof metaSchema>;
export type SectionDef = z.infer<typeof sectionsSchema>[number];
export type Figure = z.infer<typeof figureSchema>;
export type NoteDef = z.infer<typeof noteSchema>;

const rowValue = z.union([z.string().max(1000), z.number()]);
export const chartSchema = z.strictObject({
  caption: text,
  spec: z.string().regex(/^charts\/[a-z0-9-]+\.vl\.json$/, 'a spec is charts/<name>.vl.json'),
  source: text,
  alt: text,
  mapNote: text.optional(),
  /**
   * A map's outlines from Natural Earth (world-atlas): countries or territories
   * by ISO 3166-1 numeric code or Natural Earth name; those in `distinct` are
   * marked (properties.distinct) for the spec to draw apart, e.g. dashed.
   */
  geo: z.strictObject({
    areas: z.array(z.string().min(1).max(100)).min(1).max(50),
    distinct: z.array(z.string().min(1).max(100)).max(50).optional(),
  }).optional(),
  rows: z.array(z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'a row field is a plain name'),
    z.union([rowValue, z.record(z.string(), id)]))).min(1).max(10_000),
});
export const chartsSchema = z.record(id, chartSchema);
export type ChartDef = z.infer<typeof chartSchema>;

/** CSL-JSON items: the fields the notes need are checked, the rest passes to citeproc as written. */
const name = z.union([z.strictObject({ family: text, given: text.optional() }), z.strictObject({ literal: text })]);
const cslDate = z.strictObject({ 'date-parts': z.array(z.array(z.number().int()).min(1).max(3)).min(1).max(2) });
export const referenceSchema = z.looseObject({
  id,
  type: z.enum(['article-journal', 'article-newspaper', 'article-magazine', 'chapter', 'book', 'report', 'document', 'webpage', 'post-weblog', 'thesis', 'paper-conference']),
  title: text,
  'title-short': text.optional(),
  author: z.array(name).optional(),
  editor: z.array(name).optional(),
  issued: cslDate.optional(),
  URL: z.string().max(2000).superRefine((u, ctx) => {
    if (!isSafeLink(u) || schemeOf(u) === 'mailto') ctx.addIssue({ code: 'custom', message: `a reference URL is an http: or https: address; "${schemeOf(u) || 'no scheme'}:" is not allowed` });
  }).optional(),
  DOI: z.string().regex(DOI, 'a DOI is 10.NNNN/… (without https://doi.org/)').optional(),
  language: z.string().optional(),
});
export const referencesSchema = z.array(referenceSchema);
export type Reference = z.infer<typeof referenceSchema>;

// The catalogue of every user-facing message: one small function per problem.
// Stages never write prose of their own; they call these and get a BriefError.
import { formatLocation, type BriefError, type Location } from './BriefError.ts';
import { LINK_SCHEMES } from '../model/links.ts';

const err = (kind: string, where: Location, message: string, hint?: string): BriefError => ({
  kind, where, message, hint,
});

export const messages = {
  fileMissing: (file: string) =>
    err('file-missing', { file }, 'file not found', 'the project needs this file; restore it from version control'),
  fileEmpty: (file: string) => err('file-empty', { file }, 'file is empty'),
  notUtf8: (file: string, byteOffset: number) =>
    err('encoding', { file }, `not valid UTF-8 (first bad byte at offset ${byteOffset})`, 'save the file as UTF-8'),
  yamlSyntax: (where: Location, detail: string) => err('yaml-syntax', where, `YAML syntax error: ${detail}`),
  reservedKey: (where: Location, key: string) =>
    err('reserved-key', where, `"${key}" cannot be used as a key`, 'it names JavaScript object internals; choose another name'),
  jsonSyntax: (where: Location, detail: string) => err('json-syntax', where, `JSON syntax error: ${detail}`),
  schema: (where: Location, detail: string) => err('schema', where, detail),
  duplicateId: (where: Location, id: string) => err('duplicate-id', where, `duplicate id "${id}"`),
  unknownFigure: (where: Location, id: string, known: string[]) =>
    err('unknown-figure', where, `unknown figure "${id}"`, suggest(id, known)),
  unknownNote: (where: Location, id: string, known: string[]) =>
    err('unknown-note', where, `unknown note "${id}"`, suggest(id, known)),
  unknownReference: (where: Location, note: string, ref: string, known: string[]) =>
    err('unknown-reference', where, `note "${note}" cites unknown reference "${ref}"`, suggest(ref, known) ?? 'add it to data/references.json'),
  noteCitedTwice: (where: Location, id: string, first: Location) =>
    err('note-cited-twice', where, `note "${id}" is already cited at ${formatLocation(first)}`,
      'a footnote belongs to one place in the text; add a second note instead'),
  sectionNotListed: (file: string, id: string) =>
    err('section-not-listed', { file }, `data/sections.yaml does not list section "${id}": its text would not be printed`,
      `add "- id: ${id}" with its heading to data/sections.yaml, or delete the file`),
  noteNeverCited: (where: Location, id: string) =>
    err('note-unused', where, `note "${id}" is never cited`, 'cite it with {{note "' + id + '"}} or remove it'),
  notesMissingText: (ids: string[], numbers: number[]) =>
    err('notes-missing', { file: 'data/notes.yaml' },
      `notes ${compactRanges(numbers)} have no text (${ids.length} notes, marked missing)`,
      'the brief shows them as unresolved; supply their texts to finish it'),
  figureHasNoValue: (where: Location, id: string) =>
    err('figure-no-value', where, `figure "${id}" has no value to print`,
      'the paper states none; leave it out of the prose or give it a value'),
  figureHasNoYear: (where: Location, id: string, what: string) =>
    err('figure-no-year', where, `figure "${id}" has no ${what}`),
  wrongFigureStyle: (where: Location, id: string, style: string, kind: string) =>
    err('figure-style', where, `style "${style}" does not apply to ${kind} figure "${id}"`),
  helperArguments: (where: Location, helper: string, usage: string) =>
    err('template-helper', where, `${helper}: expected ${usage}`),
  templateSyntax: (where: Location, detail: string) =>
    err('template-syntax', where, `template syntax error: ${detail}`,
      /got 'EOF'/.test(detail) ? 'a block opened with {{#…}} is never closed' : /got 'INVALID'/.test(detail) ? 'an expression is not closed with }}' : undefined),
  templateVariable: (where: Location, name: string) =>
    err('template-variable', where, `"${name}" is not defined`, 'check the spelling against data/brief.yaml'),
  templateMissing: (file: string) => err('template-missing', { file }, 'template not found'),
  markdownUnsupported: (where: Location, construct: string, allowed: string) =>
    err('markdown-unsupported', where, `${construct} is not allowed here`, `use ${allowed}`),
  findingsCount: (where: Location, count: number, min: number, max: number) =>
    err('findings-count', where, `key findings must have ${min} to ${max} points, found ${count}`, 'the range is houseStyle.findings in data/brief.yaml'),
  unknownArea: (where: Location, chart: string, area: string) =>
    err('unknown-area', where, `chart "${chart}": no country or territory "${area}" in the map data`, 'name it by ISO 3166-1 numeric code (e.g. "688") or by its Natural Earth name'),
  unknownChart: (where: Location, id: string, known: string[]) =>
    err('unknown-chart', where, `unknown chart "${id}"`, suggest(id, known)),
  chartPlacedTwice: (where: Location, id: string) => err('chart-placed-twice', where, `chart "${id}" is already placed`),
  chartNeverPlaced: (where: Location, id: string) =>
    err('chart-unused', where, `chart "${id}" is never placed`, 'place it with {{figure "' + id + '"}} on a line of its own'),
  chartFigure: (where: Location, id: string, figure: string, known: string[]) =>
    err('unknown-figure', where, `chart "${id}" plots unknown figure "${figure}"`, suggest(figure, known)),
  chartSpec: (where: Location, id: string, detail: string) => err('chart-spec', where, `chart "${id}": invalid Vega-Lite spec: ${detail}`),
  chartField: (where: Location, id: string, field: string, known: string[]) =>
    err('chart-field', where, `chart "${id}": the spec uses field "${field}", which its rows do not have`, known.length ? `the rows have: ${known.join(', ')}` : undefined),
  limit: (where: Location, what: string, limit: string) =>
    err('limit', where, `${what}: more than a brief may have (at most ${limit})`, 'split the input, or leave the rest out'),
  chartSchema: (where: Location, id: string, pointer: string, problem: string) =>
    err('chart-schema', where, `chart "${id}": ${pointer || 'the spec'}: ${problem}`, 'see the Vega-Lite documentation for this property'),
  chartText: (where: Location, id: string, text: string, kind: 'clipped' | 'collides' | 'border', problem: string) =>
    err('chart-text', where, `chart "${id}": the label "${text}" ${problem}`, {
      clipped: 'give the chart more room (height, padding), shorten the label, or set it inside its bar',
      collides: 'move one of the labels, or give the chart more room',
      border: 'set the label on another side of its place (label: left, right, above or below in data/charts.yaml)',
    }[kind]),
  unsafeLink: (where: Location, url: string, scheme: string) =>
    err('unsafe-link', where, `link to "${url.length > 80 ? `${url.slice(0, 77)}…` : url}": ${scheme ? `the scheme "${scheme}:"` : 'a link without a scheme'} is not allowed`,
      `a brief links only to ${LINK_SCHEMES.map((s) => `${s}:`).join(', ')} addresses, and to DOIs written as 10.NNNN/…`),
  chartLoad: (where: Location, id: string, uri: string, reason: string) =>
    err('chart-sandbox', where, `chart "${id}" tried to load "${uri}": ${reason}`),
  openItem: (where: Location, what: string) => err('open-item', where, what),
  finalRefused: (count: number) =>
    err('final-refused', {}, `--final refuses a brief with ${count} open items`, 'resolve them, or build without --final for a draft'),
  fontMissing: (file: string) =>
    err('font-missing', { file }, 'font file not found', 'run npm ci to reinstall the font packages'),
  internal: (detail: string) =>
    err('internal', {}, `internal error: ${detail}`, 'this is a bug in the pipeline; rerun with --debug and report it'),
  usage: (detail: string) => err('usage', {}, detail, 'run brief --help'),
};

/** "1, 3–5, 9" from [1, 3, 4, 5, 9]. */
export function compactRanges(numbers: number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

function suggest(id: string, known: string[]): string | undefined {
  const close = known
    .map((k) => ({ k, d: distance(id, k) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(id.length / 4)))
    .sort((a, b) => a.d - b.d)[0];
  return close ? `did you mean "${close.k}"?` : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

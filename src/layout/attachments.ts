// Layout stage: the brief's data as files inside the PDF, so a reader's staff
// can take the numbers without retyping them: every figure as CSV and JSON
// (value, unit, qualifier, time, the words the brief prints, its source note)
// and the references as CSL-JSON.
import type { Figure } from '../load/schema.ts';
import type { Note } from '../model/types.ts';
import { formatQualified, FormatProblem } from '../figures/format.ts';

export interface Attachment {
  name: string;
  type: string;
  description: string;
  bytes: Buffer;
}

interface FigureRecord {
  id: string;
  label: string;
  kind: Figure['kind'];
  value: number | null;
  min: number | null;
  max: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: string;
  qualifier: string | null;
  year: number | null;
  periodFrom: number | null;
  periodTo: number | null;
  base: number | null;
  /** The value as the brief prints it, or null where the paper states none. */
  printed: string | null;
  sourceNote: number | null;
}

const UNITS: Record<Figure['kind'], string> = {
  money: '', percent: 'percent', count: 'count', multiple: 'times the base year', rank: 'rank', fraction: 'fraction', period: 'years',
};

export function dataAttachments(meta: { title: string; language: string }, figures: Record<string, Figure>, notes: Note[], references: Record<string, unknown>): Attachment[] {
  const title = meta.title;
  const noteNumber = new Map(notes.map((n) => [n.id, n.number]));
  const records = Object.entries(figures).map(([id, f]): FigureRecord => {
    const has = <K extends string>(key: K) => (key in f ? ((f as Record<K, unknown>)[key] as number | null | undefined) ?? null : null);
    let printed: string | null = null;
    try {
      printed = f.kind === 'period' ? null : formatQualified(f, 'default', meta.language);
    } catch (e) {
      if (!(e instanceof FormatProblem)) throw e;
    }
    return {
      id, label: f.label, kind: f.kind,
      value: has('value'), min: has('min'), max: has('max'), numerator: has('numerator'), denominator: has('denominator'),
      unit: f.kind === 'money' ? f.currency : UNITS[f.kind],
      qualifier: f.qualifier ?? null,
      year: f.year ?? null, periodFrom: f.period?.from ?? null, periodTo: f.period?.to ?? null, base: has('base'),
      printed, sourceNote: f.note ? noteNumber.get(f.note) ?? null : null,
    };
  });
  const columns = Object.keys(records[0] ?? {}) as (keyof FigureRecord)[];
  const csv = [columns.join(','), ...records.map((r) => columns.map((c) => csvField(r[c])).join(','))].join('\r\n') + '\r\n';
  return [
    { name: 'figures.csv', type: 'text/csv', description: `Every figure stated in “${title}”, as CSV: value, unit, qualifier, year or period, the words the brief prints and the number of the note that sources it`, bytes: Buffer.from(csv) },
    { name: 'figures.json', type: 'application/json', description: `Every figure stated in “${title}”, as JSON (the same fields as figures.csv)`, bytes: Buffer.from(JSON.stringify(records, null, 2) + '\n') },
    { name: 'references.json', type: 'application/vnd.citationstyles.csl+json', description: `The sources cited in “${title}”, as CSL-JSON`, bytes: Buffer.from(JSON.stringify(Object.values(references), null, 2) + '\n') },
  ];
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

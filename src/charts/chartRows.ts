// Chart data from figures: each row's `figure` (and `also` figures) becomes
// its value, formatted text, currency, year and note, so a chart can only
// plot what data/figures.yaml states.
import type { Figure, ChartDef } from '../load/schema.ts';
import { formatQualified, formatPeriod } from '../figures/format.ts';
import type { BriefError, Location } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';

export type Row = Record<string, string | number | null>;

export interface ChartData {
  rows: Row[];
  /** Ids of the notes that source the plotted figures, in order of first use. */
  noteIds: string[];
}

function valueOf(f: Figure): number | null {
  if (f.kind === 'fraction') return f.numerator / f.denominator;
  if (f.kind === 'period') return null;
  if (f.kind === 'money') return f.value ?? null;
  return f.value;
}

function textOf(f: Figure, lang: string): string | null {
  try {
    return formatQualified(f, 'default', lang);
  } catch {
    return null; // e.g. money with no stated amount: the spec shows that as missing
  }
}

export function chartRows(id: string, chart: ChartDef, figures: Record<string, Figure>, where: Location, errors: BriefError[], lang = 'en-GB'): ChartData {
  const noteIds: string[] = [];
  const use = (figureId: string): Figure | undefined => {
    const f = Object.hasOwn(figures, figureId) ? figures[figureId] : undefined;
    if (!f) {
      errors.push(messages.chartFigure(where, id, figureId, Object.keys(figures)));
      return undefined;
    }
    if (f.note && !noteIds.includes(f.note)) noteIds.push(f.note);
    return f;
  };
  const rows = chart.rows.map((raw, order) => {
    // `order` lets a spec keep the rows' order where Vega-Lite would sort.
    const row: Row = { order };
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'figure' || key === 'also') continue;
      if (typeof value === 'object') continue;
      row[key] = value;
    }
    if (typeof raw.figure === 'string') {
      const f = use(raw.figure);
      if (f) {
        row.value = valueOf(f);
        row.text = textOf(f, lang);
        row.currency = f.kind === 'money' ? f.currency : null;
        row.year = f.year ?? null;
        row.period = f.period ? formatPeriod(f.period) : null;
      }
    }
    if (raw.also && typeof raw.also === 'object') {
      for (const [name, figureId] of Object.entries(raw.also)) {
        const f = use(figureId);
        if (f) {
          row[name] = valueOf(f);
          row[`${name}Text`] = textOf(f, lang);
          row[`${name}Year`] = f.year ?? null;
        }
      }
    }
    return row;
  });
  return { rows, noteIds };
}

/** The figures a chart plots, in row order. */
export function chartFigureIds(chart: ChartDef): string[] {
  const ids = chart.rows.flatMap((r) => [r.figure, ...(r.also && typeof r.also === 'object' ? Object.values(r.also) : [])]);
  return [...new Set(ids.filter((f): f is string => typeof f === 'string'))];
}

/** The ids of the notes that source a chart's figures, without building its rows. */
export function chartNoteIds(chart: ChartDef, figures: Record<string, Figure>): string[] {
  const notes = chartFigureIds(chart).flatMap((f) => (Object.hasOwn(figures, f) && figures[f].note ? [figures[f].note!] : []));
  return [...new Set(notes)];
}

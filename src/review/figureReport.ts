// The figure-change report: every figure's printed value and the pages it
// appears on, compared with the last build's (kept in out/figures.json).
import { existsSync, readFileSync } from 'node:fs';
import type { Figure } from '../load/schema.ts';
import { formatPeriod, formatQualified } from '../figures/format.ts';

export interface FigureRecord {
  value: string;
  pages: number[];
}
export type FigureSnapshot = Record<string, FigureRecord>;

export interface FigureChange {
  id: string;
  before?: FigureRecord;
  after?: FigureRecord;
}

/** The value as a reader would check it: with its hedge, and its year or period. */
export function describeFigure(f: Figure, lang = 'en-GB'): string {
  let value: string;
  try {
    value = f.kind === 'period' ? formatPeriod(f.period) : formatQualified(f, 'default', lang);
  } catch {
    value = 'no value stated';
  }
  const when = f.kind === 'period' ? '' : f.period ? ` (${formatPeriod(f.period)})` : f.year ? ` (${f.year})` : '';
  return value + when;
}

export function snapshot(figures: Record<string, Figure>, pages: Map<string, number[]>, lang = 'en-GB'): FigureSnapshot {
  return Object.fromEntries(Object.entries(figures).map(([id, f]) => [id, { value: describeFigure(f, lang), pages: pages.get(id) ?? [] }]));
}

export function readSnapshot(file: string): FigureSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' && parsed.figures && typeof parsed.figures === 'object' ? parsed.figures : undefined;
  } catch {
    return undefined; // a damaged report is replaced, never fatal
  }
}

export function compare(before: FigureSnapshot | undefined, after: FigureSnapshot): FigureChange[] {
  if (!before) return [];
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return ids
    .filter((id) => before[id]?.value !== after[id]?.value)
    .map((id) => ({ id, before: before[id], after: after[id] }));
}

export function formatChange(c: FigureChange): string {
  const pages = (r?: FigureRecord) => (r && r.pages.length ? `${r.pages.length > 1 ? 'pages' : 'page'} ${r.pages.join(', ')}` : 'not printed');
  if (!c.before) return `figure ${c.id}: new, ${c.after!.value} (${pages(c.after)})`;
  if (!c.after) return `figure ${c.id}: removed (was ${c.before.value})`;
  return `figure ${c.id}: ${c.before.value} → ${c.after.value} (${pages(c.after)})`;
}

// Formats typed figures as en-GB text: money with its currency and scale,
// percentages, counts (in words where house style spells them), multiples,
// ranks, fractions, years and periods.
import type { Figure } from '../load/schema.ts';

export type Style = 'default' | 'words' | 'verb';

/** Why a figure cannot be formatted as asked; the caller adds the location. */
export class FormatProblem {
  constructor(public readonly reason: 'no-value' | 'style' | 'no-year' | 'no-period' | 'no-base', public readonly detail = '') {}
}

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const DENOMINATORS: Record<number, [string, string]> = { 2: ['half', 'halves'], 3: ['third', 'thirds'], 4: ['quarter', 'quarters'], 5: ['fifth', 'fifths'] };
const VERBS: Record<number, string> = { 2: 'doubled', 3: 'tripled', 4: 'quadrupled' };

/** Numbers up to one hundred in words, as Chicago spells them; larger ones in digits. */
export function inWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 100) return number.format(n);
  if (n < 20) return ONES[n];
  if (n === 100) return 'one hundred';
  const t = TENS[Math.floor(n / 10)];
  return n % 10 ? `${t}-${ONES[n % 10]}` : t;
}

function scaled(amount: number): { value: number; scale: string } {
  if (amount >= 1e9) return { value: amount / 1e9, scale: ' billion' };
  if (amount >= 1e6) return { value: amount / 1e6, scale: ' million' };
  return { value: amount, scale: '' };
}

function money(f: Extract<Figure, { kind: 'money' }>, style: Style): string {
  let digits: string;
  let scale: string;
  if (f.min !== undefined && f.max !== undefined) {
    const lo = scaled(f.min);
    const hi = scaled(f.max);
    scale = hi.scale;
    digits = lo.scale === hi.scale ? `${number.format(lo.value)}–${number.format(hi.value)}` : `${number.format(lo.value)}${lo.scale}–${number.format(hi.value)}`;
  } else {
    if (f.value === null || f.value === undefined) throw new FormatProblem('no-value');
    const s = scaled(f.value);
    digits = number.format(s.value);
    scale = s.scale;
  }
  if (style === 'words') return `${digits}${scale} ${f.currency === 'EUR' ? 'euros' : 'US dollars'}`;
  if (style !== 'default') throw new FormatProblem('style', style);
  return f.currency === 'EUR' ? `€${digits}${scale}` : `USD ${digits}${scale}`;
}

/** The figure's value as prose writes it (without its qualifier). */
export function formatFigure(f: Figure, style: Style = 'default'): string {
  const only = (...allowed: Style[]) => {
    if (!allowed.includes(style)) throw new FormatProblem('style', style);
  };
  switch (f.kind) {
    case 'money':
      return money(f, style);
    case 'percent':
      only('default');
      return `${percent.format(f.value)}%`;
    case 'count':
      only('default', 'words');
      return style === 'words' ? inWords(f.value) : number.format(f.value);
    case 'multiple':
      only('default', 'verb');
      if (style === 'verb') return VERBS[f.value] ?? `rose ${number.format(f.value)}-fold`;
      return `${number.format(f.value)} times`;
    case 'rank':
      only('default');
      return ORDINALS[f.value] ?? `${f.value}th`;
    case 'fraction': {
      only('default');
      const names = DENOMINATORS[f.denominator];
      if (!names) return `${f.numerator}/${f.denominator}`;
      return `${inWords(f.numerator)} ${f.numerator === 1 ? names[0] : names[1]}`;
    }
    case 'period':
      only('default');
      return formatPeriod(f.period);
  }
}

/** Qualifiers that hedge a number; "only" and "as many as" are the paper's emphasis, not part of the value. */
const HEDGES = new Set(['about', 'almost', 'more than', 'over']);

/** With its hedge, for findings and charts: "about €18 billion". */
export function formatQualified(f: Figure, style: Style = 'default'): string {
  const value = formatFigure(f, style);
  return f.qualifier && HEDGES.has(f.qualifier) ? `${f.qualifier} ${value}` : value;
}

export function formatPeriod(p: { from: number; to: number }, short = false): string {
  if (p.from === p.to) return String(p.from);
  const sameCentury = Math.floor(p.from / 100) === Math.floor(p.to / 100);
  const to = short && sameCentury ? String(p.to).slice(2) : String(p.to);
  return `${p.from}–${to}`;
}

export function figureYear(f: Figure): number {
  if (f.year === undefined) throw new FormatProblem('no-year');
  return f.year;
}

export function figurePeriod(f: Figure, short = false): string {
  if (!f.period) throw new FormatProblem('no-period');
  return formatPeriod(f.period, short);
}

export function figureBase(f: Figure): number {
  if (f.kind !== 'multiple' || f.base === undefined) throw new FormatProblem('no-base');
  return f.base;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2021", "March 2021" or "1 March 2021" from YYYY, YYYY-MM or YYYY-MM-DD. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!m) return String(y);
  return d ? `${d} ${MONTHS[m - 1]} ${y}` : `${MONTHS[m - 1]} ${y}`;
}

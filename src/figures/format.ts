// Formats typed figures as text in the brief's language (digits, separators
// and dates through Intl; the house style's words are English): money in any
// ISO 4217 currency with its scale, percentages, counts (in words where house
// style spells them), multiples, ranks, fractions, years and periods.
import type { Figure } from '../load/schema.ts';

export type Style = 'default' | 'words' | 'verb';

/** Why a figure cannot be formatted as asked; the caller adds the location. */
export class FormatProblem {
  constructor(public readonly reason: 'no-value' | 'style' | 'no-year' | 'no-period' | 'no-base', public readonly detail = '') {}
}

/** Number formats by language, made once each. */
const formats = new Map<string, { number: Intl.NumberFormat; percent: Intl.NumberFormat }>();
function numbers(lang: string) {
  let f = formats.get(lang);
  if (!f) {
    f = { number: new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }), percent: new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }) };
    formats.set(lang, f);
  }
  return f;
}
const number = { format: (n: number) => numbers(current).number.format(n) };
const percent = { format: (n: number) => numbers(current).percent.format(n) };
/** The language of the figure being formatted (set by each exported function). */
let current = 'en-GB';
function inLanguage<T>(lang: string, run: () => T): T {
  const before = current;
  current = lang;
  try {
    return run();
  } finally {
    current = before;
  }
}

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
  if (style === 'words') return `${digits}${scale} ${currencyName(f.currency)}`;
  if (style !== 'default') throw new FormatProblem('style', style);
  const symbol = currencySymbol(f.currency);
  return symbol ? `${symbol}${digits}${scale}` : `${f.currency} ${digits}${scale}`;
}

/**
 * House style: a currency with a symbol of its own (€, £, ¥, ₹ …) is written
 * with it; one whose symbol is shared or made of letters (US$, CHF) by its
 * ISO code: "€150 million", "USD 1.26 billion", "CHF 40 million".
 */
function currencySymbol(code: string): string | undefined {
  return currencyWords('symbol', code, () => {
    const part = new Intl.NumberFormat(current, { style: 'currency', currency: code, currencyDisplay: 'symbol' }).formatToParts(1).find((p) => p.type === 'currency')?.value;
    return part && /^\p{Sc}$/u.test(part) && part !== '$' ? part : undefined;
  });
}

/** The currency's plural name in the brief's language: "euros", "US dollars", "Swiss francs". */
function currencyName(code: string): string {
  return currencyWords('name', code, () =>
    new Intl.NumberFormat(current, { style: 'currency', currency: code, currencyDisplay: 'name' }).formatToParts(2).filter((p) => p.type === 'currency').map((p) => p.value).join(''))!;
}

/** A currency's symbol or name per language, worked out once a process: each asks ICU for a new formatter (milliseconds each). */
const currencyWordsSeen = new Map<string, string | undefined>();
function currencyWords(kind: 'symbol' | 'name', code: string, find: () => string | undefined): string | undefined {
  const key = `${kind} ${current} ${code}`;
  if (!currencyWordsSeen.has(key)) currencyWordsSeen.set(key, find());
  return currencyWordsSeen.get(key);
}

let currencies: Set<string> | undefined;

/** Whether Intl knows the ISO 4217 code. */
export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && (currencies ??= new Set(Intl.supportedValuesOf('currency'))).has(code);
}

/** The figure's value as prose writes it (without its qualifier). */
export function formatFigure(f: Figure, style: Style = 'default', lang = 'en-GB'): string {
  return inLanguage(lang, () => figureText(f, style));
}

function figureText(f: Figure, style: Style): string {
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
export function formatQualified(f: Figure, style: Style = 'default', lang = 'en-GB'): string {
  const value = formatFigure(f, style, lang);
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

/** "2021", "May 2024" or "15 May 2024" (in en-GB) from YYYY, YYYY-MM or YYYY-MM-DD, in the brief's language. */
export function formatDate(iso: string, lang = 'en-GB'): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!m) return String(y);
  const date = new Date(Date.UTC(y, m - 1, d || 1));
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', year: 'numeric', month: 'long', ...(d ? { day: 'numeric' } : {}) }).format(date);
}

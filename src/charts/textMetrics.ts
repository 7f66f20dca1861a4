// Chart text measured with the same TTF files the PDF embeds, so vega lays
// out labels at their true width (its own estimate is 0.8 em per character).
import { fontDigest, fontFiles, openFont } from '../layout/fonts.ts';
import type { Cache } from '../cache/cache.ts';


interface FontkitFont {
  unitsPerEm: number;
  layout(text: string): { advanceWidth: number };
}

interface TextItem {
  text?: unknown;
  font?: string;
  fontSize?: number;
  fontWeight?: string | number;
  fontStyle?: string;
  limit?: number;
}

/** Per font file: the font, and each label's advance width (in font units) measured so far. */
interface Measured { font: FontkitFont; file: string; widths: Map<string, number>; recalled: boolean; stored: number }
const opened = new Map<string, Measured>();

/**
 * Where label widths are kept between builds (out/.cache), while the chart
 * stage runs: a chart drawn again after an edit measures only its new labels
 * (fontkit shaping the paper's labels afresh: about 40 ms).
 */
let store: Cache | undefined;

export function measureWith(cache: Cache | undefined): void {
  store = cache;
}

/** After the chart stage: the widths of labels measured for the first time join the cache. */
export function keepLabelWidths(): void {
  for (const m of opened.values()) {
    if (!store || !m.recalled || m.widths.size === m.stored) continue;
    store.write('label-widths', fontDigest(m.file), Object.fromEntries(m.widths));
    m.stored = m.widths.size;
  }
}

function fontFor(item: TextItem): Measured {
  const families = fontFiles();
  const family = families[String(item.font ?? '').replace(/["']/g, '')] ?? Object.values(families)[1];
  const weight = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const italic = item.fontStyle === 'italic' || item.fontStyle === 'oblique';
  const file = weight ? (italic ? family.bolditalics : family.bold) : italic ? family.italics : family.normal;
  let m = opened.get(file);
  if (!m) opened.set(file, (m = { font: openFont(file) as FontkitFont, file, widths: new Map(), recalled: false, stored: 0 }));
  if (store && !m.recalled) {
    const known = store.read<Record<string, unknown>>('label-widths', fontDigest(file));
    if (known && typeof known === 'object') for (const [text, w] of Object.entries(known)) if (typeof w === 'number' && !m.widths.has(text)) m.widths.set(text, w);
    m.recalled = true;
    m.stored = m.widths.size;
  }
  return m;
}

/**
 * vega's `textMetrics.width` replacement. It must not call vega's own
 * estimate or `textValue` (both truncate through this function again).
 */
export function measureTextWidth(item: TextItem, text?: unknown): number {
  const value = String(text ?? item.text ?? '').trim();
  const size = item.fontSize ?? 11;
  if (!value || size <= 0) return 0;
  const { font, widths } = fontFor(item);
  // vega measures each label several times (axis layout, overlap checks, truncation).
  let advance = widths.get(value);
  if (advance === undefined) widths.set(value, (advance = font.layout(value).advanceWidth));
  const width = (advance / font.unitsPerEm) * size;
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}

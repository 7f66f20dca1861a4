// Chart text measured with the same TTF files the PDF embeds, so vega lays
// out labels at their true width (its own estimate is 0.8 em per character).
import { fontDigest, fontFiles, openFont } from '../layout/fonts.ts';
import type { Cache } from '../cache/cache.ts';
import { KeptMap } from '../cache/keptMap.ts';


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
interface Measured { font: FontkitFont; file: string; widths: KeptMap<number> }
const opened = new Map<string, Measured>();
const isNumber = (v: unknown): v is number => typeof v === 'number';

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
  for (const m of opened.values()) m.widths.keep(store, fontDigest(m.file));
}

function fontFor(item: TextItem): Measured {
  const families = fontFiles();
  const family = families[String(item.font ?? '').replace(/["']/g, '')] ?? Object.values(families)[1];
  const weight = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const italic = item.fontStyle === 'italic' || item.fontStyle === 'oblique';
  const file = weight ? (italic ? family.bolditalics : family.bold) : italic ? family.italics : family.normal;
  let m = opened.get(file);
  if (!m) opened.set(file, (m = { font: openFont(file) as FontkitFont, file, widths: new KeptMap('label-widths', isNumber) }));
  if (store) m.widths.recall(store, fontDigest(file));
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
  let advance = widths.values.get(value);
  if (advance === undefined) widths.values.set(value, (advance = font.layout(value).advanceWidth));
  const width = (advance / font.unitsPerEm) * size;
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}

// Chart text measured with the same TTF files the PDF embeds, so vega lays
// out labels at their true width (its own estimate is 0.8 em per character).
import { createRequire } from 'node:module';
import { fontFiles } from '../layout/fonts.ts';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { openSync(path: string): FontkitFont };

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

const opened = new Map<string, FontkitFont & { widths?: Map<string, number> }>();

function fontFor(item: TextItem): FontkitFont & { widths?: Map<string, number> } {
  const families = fontFiles();
  const family = families[String(item.font ?? '').replace(/["']/g, '')] ?? Object.values(families)[1];
  const weight = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const italic = item.fontStyle === 'italic' || item.fontStyle === 'oblique';
  const file = weight ? (italic ? family.bolditalics : family.bold) : italic ? family.italics : family.normal;
  let font = opened.get(file);
  if (!font) {
    font = fontkit.openSync(file);
    opened.set(file, font);
  }
  return font;
}

/**
 * vega's `textMetrics.width` replacement. It must not call vega's own
 * estimate or `textValue` (both truncate through this function again).
 */
export function measureTextWidth(item: TextItem, text?: unknown): number {
  const value = String(text ?? item.text ?? '').trim();
  const size = item.fontSize ?? 11;
  if (!value || size <= 0) return 0;
  const font = fontFor(item);
  // vega measures each label several times (axis layout, overlap checks, truncation).
  const widths = (font.widths ??= new Map());
  let advance = widths.get(value);
  if (advance === undefined) widths.set(value, (advance = font.layout(value).advanceWidth));
  const width = (advance / font.unitsPerEm) * size;
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}

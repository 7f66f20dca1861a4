// Word spacing and leading measured from a built PDF: each justified body
// line's words are measured with fontkit on the font file itself, and what is
// left of the line's width is its word gaps.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import type { PdfText, TextItem } from './readPdf.ts';

const require = createRequire(import.meta.url);
const dir = dirname(require.resolve('@expo-google-fonts/source-serif-4/package.json'));
const regular = fontkit.openSync(join(dir, '400Regular', 'SourceSerif4_400Regular.ttf')) as fontkit.Font;

const advance = (text: string, size: number) => (regular.layout(text).advanceWidth / regular.unitsPerEm) * size;

export interface JustifiedLine {
  page: number;
  y: number;
  text: string;
  /** The mean word gap of the line, in ems of the body size. */
  gap: number;
}

/**
 * Full justified lines of body text set in the regular face (lines with an
 * italic or bold word, or a note marker, are left out: their words are not
 * all measured with this face).
 */
export function justifiedLines(pdf: PdfText, bodySize: number, left: number, right: number): JustifiedLine[] {
  const lines = new Map<string, TextItem[]>();
  for (const i of pdf.items) {
    const k = `${i.page}:${i.y.toFixed(1)}`;
    lines.set(k, [...(lines.get(k) ?? []), i]);
  }
  const fonts = new Map<string, number>();
  for (const i of pdf.items) if (Math.abs(i.size - bodySize) < 0.05) fonts.set(i.font, (fonts.get(i.font) ?? 0) + i.text.length);
  const roman = [...fonts].sort((a, b) => b[1] - a[1])[0][0];
  const out: JustifiedLine[] = [];
  for (const items of lines.values()) {
    if (!items.every((i) => Math.abs(i.size - bodySize) < 0.05 && i.font === roman)) continue;
    items.sort((a, b) => a.x - b.x);
    const first = items[0];
    const last = items[items.length - 1];
    if (Math.abs(first.x - left) > 0.5 || Math.abs(last.x + last.width - right) > 0.5) continue;
    const text = items.map((i) => i.text).join('').replace(/\s+/g, ' ').trim();
    const words = text.split(' ');
    if (words.length < 3) continue;
    const ink = words.reduce((w, word) => w + advance(word, bodySize), 0);
    out.push({ page: first.page, y: first.y, text, gap: (right - left - ink) / (words.length - 1) / bodySize });
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The most common distance between consecutive baselines of body lines on a page, in points. */
export function bodyLeading(pdf: PdfText, bodySize: number): number {
  const counts = new Map<string, number>();
  for (let p = 1; p <= pdf.pages; p++) {
    const ys = [...new Set(pdf.items.filter((i) => i.page === p && Math.abs(i.size - bodySize) < 0.05).map((i) => i.y.toFixed(2)))].map(Number).sort((a, b) => a - b);
    for (let k = 1; k < ys.length; k++) {
      const d = (ys[k] - ys[k - 1]).toFixed(1);
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  }
  return Number([...counts].sort((a, b) => b[1] - a[1])[0][0]);
}

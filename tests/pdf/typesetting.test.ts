// Justification and hyphenation, read back from the PDF.
import { describe, expect, test } from 'vitest';
import { isBody, isMarker, isNote } from '../support/briefText.ts';
import { bodyLeading, justifiedLines, percentile } from '../support/spacing.ts';
import { page, type } from '../../src/layout/theme.ts';
import { shared } from '../support/shared.ts';

const pdf = shared().text;

test('extracted text carries no soft hyphens or zero-width break marks', () => {
  for (const i of pdf.items) expect(i.text, `page ${i.page}`).not.toMatch(/[\u00AD\u200B]/);
});

test('a note marker sits against the word before it, with no justification gap', () => {
  const markers = pdf.items.filter((i) => isMarker(i) && /^\d+$/.test(i.text));
  expect(markers).toHaveLength(58);
  for (const m of markers) {
    const before = pdf.items
      .filter((i) => i.page === m.page && isBody(i) && Math.abs(i.y - m.y) < 6 && i.x < m.x && i.text.trim())
      .sort((a, b) => b.x + b.width - (a.x + a.width))[0];
    expect(before, `marker ${m.text}`).toBeDefined();
    expect(m.x - (before.x + before.width), `marker ${m.text} on page ${m.page}`).toBeLessThan(0.5);
  }
});

test('justified lines reach the right margin, and lines broken inside a word end with a drawn hyphen', () => {
  const right = page.width - page.margins.right;
  const lines = new Map<string, { right: number; last: string }>();
  for (const i of pdf.items.filter(isBody)) {
    const key = `${i.page}:${Math.round(i.y)}`;
    const line = lines.get(key);
    if (!line || i.x + i.width >= line.right) lines.set(key, { right: i.x + i.width, last: i.text });
  }
  const full = [...lines.values()].filter((l) => l.right > right - 1);
  expect(full.length).toBeGreaterThan(250);
  for (const l of full) expect(l.right).toBeLessThan(right + 0.5);
  const hyphenated = full.filter((l) => /\p{Ll}-$/u.test(l.last));
  expect(hyphenated.length).toBeGreaterThan(10);
});

describe('like a book (measured from the PDF)', () => {
  const right = page.width - page.margins.right;

  test('word gaps: 95% of justified lines at most 0.40 em, and at most 1% over 0.5 em', () => {
    const gaps = justifiedLines(pdf, type.body.fontSize, page.margins.left, right).map((l) => l.gap);
    expect(gaps.length).toBeGreaterThan(200);
    expect(percentile(gaps, 95)).toBeLessThanOrEqual(0.4);
    expect(gaps.filter((g) => g > 0.5).length / gaps.length).toBeLessThanOrEqual(0.01);
  });

  test('body leading is about 1.4 times the type size', () => {
    const leading = bodyLeading(pdf, type.body.fontSize) / type.body.fontSize;
    expect(leading).toBeGreaterThanOrEqual(1.3);
    expect(leading).toBeLessThanOrEqual(1.45);
  });

  test('the paper fits in 15 pages', () => {
    expect(pdf.pages).toBeLessThanOrEqual(15);
  });

  test('no more than two hyphenated line ends in a row', () => {
    const lines = new Map<string, { page: number; y: number; x: number; last: string }>();
    for (const i of pdf.items.filter((i) => isBody(i) || isNote(i))) {
      const key = `${i.page}:${i.y.toFixed(1)}:${i.size.toFixed(1)}`;
      const line = lines.get(key);
      if (!line || i.x > line.x) lines.set(key, { page: i.page, y: i.y, x: i.x, last: i.text });
    }
    let run = 0;
    let longest = 0;
    for (const l of [...lines.values()].sort((a, b) => a.page - b.page || a.y - b.y)) {
      run = /^[“‘(]?\p{L}+-$/u.test(l.last) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(2);
  });
});

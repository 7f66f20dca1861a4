// Justification and hyphenation, read back from the PDF.
import { expect, test } from 'vitest';
import { isBody, isMarker } from '../support/briefText.ts';
import { page } from '../../src/layout/theme.ts';
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

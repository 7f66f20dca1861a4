// The total-fit line breaker on hand-made paragraphs and random ones.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { breakLines, TEX_PARAMS, type Item } from '../../src/layout/lineBreaking.ts';
import { renderPdf } from '../../src/pdf/writePdf.ts';
import { SERIF } from '../../src/layout/fonts.ts';
import { readPdf } from '../support/readPdf.ts';

const box = (width: number): Item => ({ type: 'box', width });
const glue = (width = 3): Item => ({ type: 'glue', width, stretch: width / 2, shrink: width / 3 });
const hyphen = (width = 3): Item => ({ type: 'penalty', width, penalty: 50, flagged: true, hyphenation: true });
const forced: Item = { type: 'penalty', width: 0, penalty: -Infinity, flagged: false };

/** Natural, shrunk and stretched widths of a line. */
function measure(items: Item[], from: number, to: number, breakAt: number) {
  let natural = 0;
  let stretch = 0;
  let shrink = 0;
  for (let i = from; i < to; i++) {
    const it = items[i];
    if (it.type === 'penalty') continue;
    natural += it.width;
    if (it.type === 'glue') {
      stretch += it.stretch;
      shrink += it.shrink;
    }
  }
  const end = items[breakAt];
  if (end?.type === 'penalty') natural += end.width;
  return { natural, stretch, shrink };
}

describe('total-fit line breaking', () => {
  test('sets no line looser than first-fit’s loosest', () => {
    // Word widths from a fixed sequence, so the test is the same every run.
    const widths = Array.from({ length: 60 }, (_, i) => 18 + ((i * 37) % 41));
    const items = widths.flatMap((w, i) => (i ? [glue(), box(w)] : [box(w)]));
    const lines = breakLines(items, 200)!;
    const firstFit: number[] = [];
    let used = -3;
    let stretch = 0;
    for (const w of widths) {
      if (used + 3 + w > 200) {
        firstFit.push((200 - used) / stretch);
        used = -3;
        stretch = 0;
      }
      stretch += used < 0 ? 0 : 1.5;
      used += 3 + w;
    }
    const loosest = (ratios: number[]) => Math.max(...ratios);
    expect(loosest(lines.slice(0, -1).map((l) => l.ratio))).toBeLessThan(loosest(firstFit));
  });

  test('respects a forced break', () => {
    const items = [box(50), glue(), box(50), forced, box(50), glue(), box(50)];
    const lines = breakLines(items, 200)!;
    expect(lines.map((l) => l.breakAt)).toEqual([3, 7]);
  });

  test('gives up (for first-fit to take over) when a word is wider than the column', () => {
    expect(breakLines([box(50), glue(), box(250), glue(), box(50)], 200)).toBeNull();
  });

  test('sets the last line at its natural width, never shrunk past the column', () => {
    const items = [box(100), glue(), box(99)];
    const lines = breakLines(items, 200)!;
    for (const l of lines) expect(measure(items, l.start, l.end, l.breakAt).natural).toBeLessThanOrEqual(200 + 1e-9);
  });

  test('hyphenates only when the paragraph cannot be set well without it', () => {
    const items = [box(60), glue(), box(60), glue(), box(60), glue(), box(30), hyphen(), box(30), glue(), box(60)];
    expect(breakLines(items, 189)!.some((l) => l.hyphenated)).toBe(false);
    expect(breakLines(items, 222)!.map((l) => l.hyphenated)).toEqual([true, false]);
  });

  test('property: every line within its stretch and shrink, breaks in order, at most two hyphens in a row', () => {
    const word = fc.record({ width: fc.integer({ min: 4, max: 70 }), pieces: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 120 }), fc.integer({ min: 120, max: 440 }), (words, width) => {
        const items: Item[] = [];
        words.forEach((w, i) => {
          if (i) items.push(glue(3));
          for (let p = 0; p < w.pieces; p++) {
            if (p) items.push(hyphen(3));
            items.push(box(w.width / w.pieces));
          }
        });
        const lines = breakLines(items, width, { ...TEX_PARAMS, emergencyStretch: 0 });
        expect(lines).not.toBeNull();
        let previous = -1;
        let run = 0;
        lines!.forEach((l, k) => {
          expect(l.breakAt).toBeGreaterThan(previous);
          previous = l.breakAt;
          const { natural, stretch, shrink } = measure(items, l.start, l.end, l.breakAt);
          if (k === lines!.length - 1) expect(natural).toBeLessThanOrEqual(width + 1e-6);
          else {
            expect(natural - shrink).toBeLessThanOrEqual(width + 1e-6);
            // Over-stretched only when no break could do better (the last pass); the loosest line still ends.
            if (natural + stretch < width) expect(l.ratio).toBeGreaterThan(1);
          }
          run = l.hyphenated ? run + 1 : 0;
          expect(run).toBeLessThanOrEqual(2);
        });
        expect(lines![lines!.length - 1].breakAt).toBe(items.length);
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});

test('pdfmake sets a justified paragraph with a word wider than the column by first-fit, without losing text', async () => {
  const long = 'x'.repeat(200);
  const { bytes } = await renderPdf({
    content: [{ text: `Before the long word ${long} and after it, the paragraph goes on for a while longer.`, alignment: 'justify' }],
    defaultStyle: { font: SERIF, fontSize: 10 },
  } as never);
  const text = (await readPdf(bytes)).items.map((i) => i.text).join('');
  expect(text.replace(/\s/g, '')).toContain(`Beforethelongword${long}andafterit`);
});

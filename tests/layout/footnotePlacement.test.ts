import { describe, expect, test } from 'vitest';
import { FootnotePlacement } from '../../src/layout/footnotePlacement.ts';

const geometry = { separator: 10, gap: 2, minLines: 2, shortLines: 3, maxCarry: 100 };
const note = (lines: number, h = 10) => ({ lines: Array.from({ length: lines }, (_, i) => `L${i}`), heights: Array(lines).fill(h) });

describe('footnote placement', () => {
  test('a short note is reserved whole, a long one by its first two lines', () => {
    const p = new FootnotePlacement(new Map([[1, note(3)], [2, note(8)]]), geometry);
    expect(p.minimumFor([1], false)).toBe(10 + 30);
    expect(p.minimumFor([2], false)).toBe(10 + 20);
    expect(p.minimumFor([1, 2], false)).toBe(10 + 30 + 2 + 20);
    expect(p.minimumFor([2], true)).toBe(2 + 20);
    expect(p.fullFor([2], false)).toBe(10 + 80);
  });

  test('places whole notes when they fit and grows the area by exactly their height', () => {
    const p = new FootnotePlacement(new Map([[1, note(2)], [2, note(1)]]), geometry);
    expect(p.place(0, [1], 500)).toBe(30);
    expect(p.place(0, [2], 470)).toBe(12);
    expect(p.areaHeight(0)).toBe(42);
    expect(p.chunks(0).map((c) => c.number)).toEqual([1, 2]);
    expect(p.carrying).toBe(false);
  });

  test('splits a note that does not fit and continues it on the next page, capped', () => {
    const p = new FootnotePlacement(new Map([[1, note(30)], [2, note(1)]]), geometry);
    p.place(0, [1], 60); // separator + 5 lines
    expect(p.chunks(0)[0].lines).toHaveLength(5);
    expect(p.carrying).toBe(true);
    p.openPage(1); // up to 100pt: separator + 9 lines
    expect(p.chunks(1)[0]).toMatchObject({ number: 1, continued: true });
    expect(p.chunks(1)[0].lines).toHaveLength(9);
    // A note cited on page 1 still starts there, after the continuation.
    p.place(1, [2], 200);
    expect(p.chunks(1).map((c) => c.number)).toEqual([1, 2]);
    p.openPage(2);
    expect(p.chunks(2)[0].lines[0]).toBe('L14');
  });

  test('places each note once', () => {
    const p = new FootnotePlacement(new Map([[1, note(1)]]), geometry);
    expect(p.fresh([1, 1])).toEqual([1]);
    p.place(0, [1], 100);
    expect(p.fresh([1])).toEqual([]);
  });
});

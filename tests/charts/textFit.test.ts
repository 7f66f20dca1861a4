// The check that every chart label fits: inside the chart, clear of other
// labels and of map outlines.
import { describe, expect, test } from 'vitest';
import { checkTextFit, pathSegments, segmentHitsBox, type TextBox } from '../../src/charts/textFit.ts';

const box = (text: string, x1: number, y1: number, x2: number, y2: number): TextBox => ({ text, x1, y1, x2, y2 });

describe('chart text fit', () => {
  test('a label past the chart edge would be clipped', () => {
    expect(checkTextFit([box('about 90%', 380, 10, 410, 18)], [], 400, 100)).toEqual([
      { text: 'about 90%', kind: 'clipped', problem: 'would be clipped at the edge of the chart' },
    ]);
    expect(checkTextFit([box('about 90%', 360, 10, 399, 18)], [], 400, 100)).toEqual([]);
  });

  test('labels on one line collide when they touch or crowd (under 5 pt apart)', () => {
    expect(checkTextFit([box('1,600', 387, 117, 406, 126), box('1,800', 409, 117, 428, 126)], [], 440, 140).map((p) => p.kind)).toEqual(['collides']);
    expect(checkTextFit([box('1,400', 355, 117, 374, 126), box('1,600', 387, 117, 406, 126)], [], 440, 140)).toEqual([]);
    // Side by side on different lines is fine.
    expect(checkTextFit([box('a', 0, 0, 50, 9), box('b', 10, 12, 60, 21)], [], 100, 100)).toEqual([]);
  });

  test('a label that a border line runs through crosses the map', () => {
    const border = pathSegments('M100,0L100,200');
    expect(checkTextFit([box('Kostolac', 90, 50, 130, 59)], border, 400, 300).map((p) => p.kind)).toEqual(['border']);
    expect(checkTextFit([box('Bor', 60, 50, 95, 59)], border, 400, 300)).toEqual([]);
  });

  test('segments from a closed SVG path, and their hits', () => {
    expect(pathSegments('M0,0L10,0L10,10Z', 5, 5)).toEqual([[5, 5, 15, 5], [15, 5, 15, 15], [15, 15, 5, 5]]);
    expect(segmentHitsBox([0, 0, 10, 10], box('x', 4, 4, 6, 6))).toBe(true);
    expect(segmentHitsBox([0, 10, 10, 10], box('x', 4, 4, 6, 6))).toBe(false);
  });
});

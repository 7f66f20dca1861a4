// Kept line breaks: the same paragraph on the same measure breaks as before,
// and a paragraph that differs in any number is broken anew.
import { expect, test } from 'vitest';
import { breakLinesKept } from '../../src/layout/keptBreaks.ts';
import { TEX_PARAMS, type Item } from '../../src/layout/lineBreaking.ts';

const word = (width: number): Item => ({ type: 'box', width });
const space: Item = { type: 'glue', width: 3, stretch: 1.5, shrink: 1 };
const end: Item[] = [{ type: 'glue', width: 0, stretch: 1000, shrink: 0 }, { type: 'penalty', width: 0, penalty: -Infinity, flagged: false }];
/** Six words of 20 pt; between the third and the fourth, a penalty of `penalty`. */
const paragraph = (penalty: number): Item[] => [
  word(20), space, word(20), space, word(20),
  { type: 'penalty', width: 0, penalty, flagged: false }, space,
  word(20), space, word(20), space, word(20), ...end,
];

test('a forced break and a forbidden one are different paragraphs, though JSON writes both as null', () => {
  const forced = breakLinesKept(paragraph(-Infinity), 140, TEX_PARAMS)!;
  const forbidden = breakLinesKept(paragraph(Infinity), 140, TEX_PARAMS)!;
  // Forced: a line ends at the penalty (item 5). Forbidden: no line does.
  const endsAtPenalty = (lines: { breakAt: number }[]) => lines.some((l) => l.breakAt === 5);
  expect(endsAtPenalty(forced)).toBe(true);
  expect(endsAtPenalty(forbidden)).toBe(false);
  // Asked again, each gets its own.
  expect(breakLinesKept(paragraph(-Infinity), 140, TEX_PARAMS)).toEqual(forced);
  expect(breakLinesKept(paragraph(Infinity), 140, TEX_PARAMS)).toEqual(forbidden);
});

test('the same items on another measure are broken for it', () => {
  const wide = breakLinesKept(paragraph(0), 140, TEX_PARAMS)!;
  const narrow = breakLinesKept(paragraph(0), 70, TEX_PARAMS)!;
  expect(narrow.length).toBeGreaterThan(wide.length);
});

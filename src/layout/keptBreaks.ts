// Line breaks, kept: total-fit breaking (lineBreaking.ts) is a function of a
// paragraph's boxes, glue and penalties, the measure and the parameters alone,
// so a paragraph broken before, in this process or (out/.cache) an earlier
// one, is not broken again: about 50 ms of a fresh process for the paper.
import { createHash } from 'node:crypto';
import { KeptMap } from '../cache/keptMap.ts';
import type { Cache } from '../cache/cache.ts';
import { breakLines, type BreakParams, type BrokenLine, type Item } from './lineBreaking.ts';

const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isBreaks = (v: unknown): v is BrokenLine[] | null =>
  v === null || (Array.isArray(v) && v.every((b) => b && typeof b === 'object' &&
    isNumber(b.start) && isNumber(b.end) && isNumber(b.breakAt) && isNumber(b.ratio) && typeof b.hyphenated === 'boolean'));

const kept = new KeptMap<BrokenLine[] | null>('line-breaks', isBreaks);

/** Before a document is laid out: what the cache keeps (read once a process). */
export function recallBreaks(cache: Cache | undefined): void {
  kept.recall(cache, 'breaks');
}

/** After: the cache keeps what is new. */
export function keepBreaks(cache: Cache | undefined): void {
  kept.keep(cache, 'breaks');
}

/** breakLines, or what it gave before for the same items, measure and parameters. */
export function breakLinesKept(items: Item[], width: number, params: BreakParams): BrokenLine[] | null {
  const key = keyOf(items, width, params);
  const known = kept.values.get(key);
  if (known !== undefined) return known;
  const broken = breakLines(items, width, params);
  // Only what JSON gives back exactly (a ratio may be infinite): the rest is broken each time.
  if (isBreaks(broken)) kept.values.set(key, broken);
  return broken;
}

/**
 * Every number of the input, exactly (as 64-bit floats: −Infinity, a forced
 * break, stays apart from +Infinity, a forbidden one), with each item's kind,
 * hashed. Binary, not text: printing 20,000 numbers cost about 18 ms of a
 * fresh process.
 */
function keyOf(items: Item[], width: number, params: BreakParams): string {
  // Per item: kind (0 box, 1 glue, 2 penalty, +4 flagged, +8 hyphenation), then width, stretch, shrink, penalty.
  const numbers = new Float64Array(items.length * 5 + 1);
  numbers[0] = width;
  let at = 1;
  for (const i of items) {
    if (i.type === 'box') {
      numbers[at] = 0;
      numbers[at + 1] = i.width;
    } else if (i.type === 'glue') {
      numbers[at] = 1;
      numbers[at + 1] = i.width;
      numbers[at + 2] = i.stretch;
      numbers[at + 3] = i.shrink;
    } else {
      numbers[at] = 2 + (i.flagged ? 4 : 0) + (i.hyphenation ? 8 : 0);
      numbers[at + 1] = i.width;
      numbers[at + 4] = i.penalty;
    }
    at += 5;
  }
  return createHash('sha256').update(JSON.stringify(params)).update(new Uint8Array(numbers.buffer)).digest('base64');
}

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

/** Every number of the input as JavaScript prints it (exact, and -Infinity for a forced break), hashed. */
function keyOf(items: Item[], width: number, params: BreakParams): string {
  const parts: string[] = [String(width), JSON.stringify(params)];
  for (const i of items) {
    if (i.type === 'box') parts.push(`b${i.width}`);
    else if (i.type === 'glue') parts.push(`g${i.width},${i.stretch},${i.shrink}`);
    else parts.push(`p${i.width},${i.penalty},${i.flagged ? 1 : 0}${i.hyphenation ? 'h' : ''}`);
  }
  return createHash('sha256').update(parts.join(';')).digest('base64');
}

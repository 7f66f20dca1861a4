// Total-fit line breaking (Knuth and Plass, "Breaking Paragraphs into Lines",
// 1981, as TeX does it): a paragraph is boxes, glue and penalties, and the
// breaks are chosen together to minimise the demerits of all its lines.
// Pure: pdf/pdfmake/lineBreaking.ts feeds it pdfmake's measured words.

export type Item =
  | { type: 'box'; width: number }
  /** Space between words: may stretch and shrink; a line may end at it. */
  | { type: 'glue'; width: number; stretch: number; shrink: number }
  /**
   * A place a line may end, at a cost (−Infinity forces a break, +Infinity
   * forbids one); `width` is drawn only if the line ends here (a hyphen).
   * `flagged` marks a hyphenated break.
   */
  | { type: 'penalty'; width: number; penalty: number; flagged: boolean; hyphenation?: boolean };

export interface BreakParams {
  /** Added to every line's badness before squaring (TeX's \linepenalty). */
  linePenalty: number;
  /** Added when two consecutive lines end hyphenated (\doublehyphendemerits). */
  doubleHyphenDemerits: number;
  /** Added when the last full line ends hyphenated (\finalhyphendemerits). */
  finalHyphenDemerits: number;
  /** Added when adjacent lines differ by more than one fitness class (\adjdemerits). */
  adjacentDemerits: number;
  /** The most hyphenated line ends in a row. */
  maxHyphensInRow: number;
  /** Badness allowed on the pass without hyphenation (\pretolerance), and with it (\tolerance). */
  pretolerance: number;
  tolerance: number;
  /** Stretch added to every line on the third pass (\emergencystretch), in points. */
  emergencyStretch: number;
}

export const TEX_PARAMS: BreakParams = {
  linePenalty: 10,
  doubleHyphenDemerits: 10000,
  finalHyphenDemerits: 5000,
  adjacentDemerits: 10000,
  maxHyphensInRow: 2,
  pretolerance: 100,
  tolerance: 200,
  emergencyStretch: 0,
};

/** A chosen line: items [start, end) and how much its glue stretches (> 0) or shrinks (< 0). */
export interface BrokenLine {
  start: number;
  end: number;
  /** The item the line ends at (a glue or penalty), or items.length for the paragraph's end. */
  breakAt: number;
  ratio: number;
  hyphenated: boolean;
}

interface Node {
  /** Index of the break item; -1 for the paragraph's start. */
  position: number;
  line: number;
  fitness: number;
  hyphensInRow: number;
  totalWidth: number;
  totalStretch: number;
  totalShrink: number;
  demerits: number;
  ratio: number;
  previous: Node | null;
}

/**
 * Breaks a paragraph into lines of `width`. Passes go from strict to loose:
 * no hyphenation, then hyphenation, then extra stretch, then any badness.
 * Returns null when no set of breaks keeps every line within its shrink (a
 * box wider than the line): the caller falls back to first-fit.
 */
export function breakLines(items: Item[], width: number, params: BreakParams = TEX_PARAMS): BrokenLine[] | null {
  const passes: [number, boolean, number][] = [
    [params.pretolerance, false, 0],
    [params.tolerance, true, 0],
    [params.tolerance, true, params.emergencyStretch],
    [Infinity, true, params.emergencyStretch],
  ];
  for (const [tolerance, hyphenate, emergency] of passes) {
    const lines = pass(items, width, params, tolerance, hyphenate, emergency);
    if (lines) return lines;
  }
  return null;
}

function pass(items: Item[], width: number, params: BreakParams, tolerance: number, hyphenate: boolean, emergency: number): BrokenLine[] | null {
  // Running sums of width, stretch and shrink up to each item.
  const n = items.length;
  const sumW = new Float64Array(n + 1);
  const sumY = new Float64Array(n + 1);
  const sumZ = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[i];
    sumW[i + 1] = sumW[i] + (it.type === 'penalty' ? 0 : it.width);
    sumY[i + 1] = sumY[i] + (it.type === 'glue' ? it.stretch : 0);
    sumZ[i + 1] = sumZ[i] + (it.type === 'glue' ? it.shrink : 0);
  }
  const start: Node = { position: -1, line: 0, fitness: 1, hyphensInRow: 0, totalWidth: 0, totalStretch: 0, totalShrink: 0, demerits: 0, ratio: 0, previous: null };
  let active: Node[] = [start];

  // The paragraph ends with an implicit forced break at `n` (its last line has infinite stretch).
  for (let b = 0; b <= n; b++) {
    const item = items[b];
    const isEnd = b === n;
    let penalty = 0;
    let flagged = false;
    let breakWidth = 0;
    if (!isEnd) {
      if (item.type === 'box') continue;
      if (item.type === 'glue') {
        // A glue is a break only after a box.
        if (b === 0 || items[b - 1].type !== 'box') continue;
      } else {
        if (item.penalty === Infinity) continue;
        if (item.hyphenation && !hyphenate) continue;
        penalty = item.penalty;
        flagged = item.flagged;
        breakWidth = item.width;
      }
    }
    const forced = isEnd || penalty === -Infinity;
    const candidates: Node[] = [];
    const survivors: Node[] = [];
    for (const a of active) {
      // The line from after break `a` to `b`: discardable glue after a break is skipped.
      const from = firstAfterBreak(items, a.position);
      const natural = sumW[b] - sumW[from] + breakWidth;
      const stretch = sumY[b] - sumY[from] + emergency;
      const shrink = sumZ[b] - sumZ[from];
      let ratio: number;
      // A paragraph's last line (and a line before a forced break) is set at its natural width.
      if (natural < width) ratio = forced ? 0 : stretch > 0 ? (width - natural) / stretch : Infinity;
      else if (natural > width) ratio = forced ? -Infinity : shrink > 0 ? (width - natural) / shrink : -Infinity;
      else ratio = 0;
      if (ratio < -1) {
        // Too tight from here on: this start can no longer end a line.
        continue;
      }
      survivors.push(a);
      const badness = ratio === Infinity ? Infinity : 100 * Math.abs(ratio) ** 3;
      if (badness > tolerance) continue;
      const hyphensInRow = flagged ? a.hyphensInRow + 1 : 0;
      if (hyphensInRow > params.maxHyphensInRow) continue;
      // Badness is not capped (TeX caps it at 10,000): on the last, loosest pass a looser line must still cost more.
      let demerits = (params.linePenalty + badness) ** 2;
      if (penalty > 0) demerits += penalty ** 2;
      else if (penalty > -Infinity && penalty < 0) demerits -= penalty ** 2;
      if (flagged && a.hyphensInRow > 0) demerits += params.doubleHyphenDemerits;
      if (isEnd && a.hyphensInRow > 0) demerits += params.finalHyphenDemerits;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (Math.abs(fitness - a.fitness) > 1) demerits += params.adjacentDemerits;
      candidates.push({
        position: b, line: a.line + 1, fitness, hyphensInRow,
        totalWidth: 0, totalStretch: 0, totalShrink: 0,
        demerits: a.demerits + demerits, ratio, previous: a,
      });
    }
    active = survivors;
    if (forced) active = [];
    // Keep the best candidate per fitness class and hyphen run (as TeX keeps one per class).
    const best = new Map<string, Node>();
    for (const c of candidates) {
      const key = `${c.fitness}:${c.hyphensInRow}`;
      const seen = best.get(key);
      if (!seen || c.demerits < seen.demerits) best.set(key, c);
    }
    active.push(...best.values());
    if (!active.length) return null;
  }
  const ends = active.filter((a) => a.position === n);
  if (!ends.length) return null;
  let node: Node | null = ends.reduce((x, y) => (y.demerits < x.demerits ? y : x));
  const out: BrokenLine[] = [];
  while (node && node.previous) {
    const from = firstAfterBreak(items, node.previous.position);
    const at = node.position;
    const it = items[at];
    out.push({ start: from, end: it && it.type === 'penalty' ? at + 1 : at, breakAt: at, ratio: node.ratio, hyphenated: Boolean(it && it.type === 'penalty' && it.flagged) });
    node = node.previous;
  }
  return out.reverse();
}

/** The first item of a line that starts after a break at `position` (glue and penalties there are dropped). */
function firstAfterBreak(items: Item[], position: number): number {
  let i = position + 1;
  while (i < items.length && items[i].type !== 'box') {
    const it = items[i];
    if (it.type === 'penalty' && it.penalty === -Infinity) break;
    i++;
  }
  return i;
}

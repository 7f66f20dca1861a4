// After vega lays a chart out: every piece of text lies inside the chart,
// clear of every other piece of text and of the lines of map outlines. A label
// that would be clipped, collide or cross a border is reported, not drawn.

/** A laid-out piece of text, in the chart's own coordinates (points). */
export interface TextBox {
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Rotation in degrees (axis titles are set at −90). */
  angle?: number;
}

export type Segment = [number, number, number, number];

export interface TextProblem {
  text: string;
  kind: 'clipped' | 'collides' | 'border';
  problem: string;
}

/** Labels closer than this (in points) read as one: axis labels crowd. */
const MIN_GAP = 5;

export function checkTextFit(texts: TextBox[], borders: Segment[], width: number, height: number): TextProblem[] {
  const problems: TextProblem[] = [];
  const seen = new Set<string>();
  const report = (text: string, kind: TextProblem['kind'], problem: string) => {
    const key = `${text}\0${problem}`;
    if (!seen.has(key)) problems.push({ text, kind, problem });
    seen.add(key);
  };
  for (const t of texts) {
    if (t.x1 < -0.5 || t.y1 < -0.5 || t.x2 > width + 0.5 || t.y2 > height + 0.5) report(t.text, 'clipped', 'would be clipped at the edge of the chart');
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      const overlapY = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
      const gapX = Math.max(a.x1, b.x1) - Math.min(a.x2, b.x2);
      // Two labels on one line must keep a gap between them; anything else must only not overlap.
      const sameLine = !a.angle && !b.angle && overlapY > Math.min(a.y2 - a.y1, b.y2 - b.y1) / 2;
      if (overlapY > 0.5 && gapX < (sameLine ? MIN_GAP : 0)) report(a.text, 'collides', `collides with "${b.text}"`);
    }
  }
  for (const t of texts) {
    if (borders.some((s) => segmentHitsBox(s, t))) report(t.text, 'border', 'crosses a line of the map');
  }
  return problems;
}

/** Whether a line segment passes through a box (Liang–Barsky clipping). */
export function segmentHitsBox([x1, y1, x2, y2]: Segment, box: TextBox): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const edges: [number, number][] = [[-dx, x1 - box.x1], [dx, box.x2 - x1], [-dy, y1 - box.y1], [dy, box.y2 - y1]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** The straight segments of an SVG path made of M, L and Z commands (what d3-geo draws). */
export function pathSegments(path: string, dx = 0, dy = 0): Segment[] {
  const out: Segment[] = [];
  let start: [number, number] | undefined;
  let at: [number, number] | undefined;
  for (const m of path.matchAll(/([MLZ])([^MLZ]*)/gi)) {
    const cmd = m[1].toUpperCase();
    const nums = (m[2].match(/-?[\d.]+(?:e-?\d+)?/gi) ?? []).map(Number);
    if (cmd === 'Z') {
      if (at && start) out.push([at[0], at[1], start[0], start[1]]);
      at = start;
      continue;
    }
    for (let k = 0; k + 1 < nums.length; k += 2) {
      const p: [number, number] = [nums[k] + dx, nums[k + 1] + dy];
      if (cmd === 'M' && k === 0) start = p;
      else if (at) out.push([at[0], at[1], p[0], p[1]]);
      at = p;
    }
  }
  return out;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- vega's scenegraph is untyped */
/**
 * The text boxes and outline segments of a rendered vega view, in the SVG's
 * coordinates: marks are positioned within their groups, the root at the
 * view's origin.
 */
export function sceneGeometry(root: any, origin: [number, number]): { texts: TextBox[]; borders: Segment[] } {
  const texts: TextBox[] = [];
  const borders: Segment[] = [];
  const visit = (mark: any, ox: number, oy: number) => {
    for (const item of mark.items ?? []) {
      if (mark.marktype === 'group') {
        for (const child of item.items ?? []) visit(child, ox + (item.x ?? 0), oy + (item.y ?? 0));
        continue;
      }
      const b = item.bounds;
      if (mark.marktype === 'text' && b && item.text != null && String(item.text).trim() && (item.opacity ?? 1) > 0) {
        texts.push({ text: Array.isArray(item.text) ? item.text.join(' ') : String(item.text), x1: ox + b.x1, y1: oy + b.y1, x2: ox + b.x2, y2: oy + b.y2, angle: item.angle ?? 0 });
      }
      if (mark.marktype === 'shape' && typeof item.shape === 'function') {
        // vega-geo's shape generator: with no drawing context it returns the SVG path.
        const path = typeof item.shape.context === 'function' ? item.shape.context(null)(item) : undefined;
        if (typeof path === 'string') borders.push(...pathSegments(path, ox + (item.x ?? 0), oy + (item.y ?? 0)));
      }
    }
  };
  visit(root, origin[0], origin[1]);
  return { texts, borders };
}

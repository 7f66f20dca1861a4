// A chart's SVG made fit to sit inside the web page: only drawing elements and
// presentation attributes pass (no script, no foreign content, no links or
// loads, no event handlers), ids are made unique to the figure, and the root
// becomes one image named by the figure's alt text. Vega writes the SVG from
// data, so it is read as untrusted and written out again, escaped.
import { Parser } from 'htmlparser2';
import { esc } from './escape.ts';

const ELEMENTS = new Set([
  'svg', 'g', 'path', 'line', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'text', 'tspan',
  'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'title', 'desc',
]);
/** Kept for their children only: a link in a chart would be a link nobody vetted. */
const UNWRAPPED = new Set(['a']);
const ATTRIBUTES = new Set([
  'width', 'height', 'viewBox', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points', 'dx', 'dy',
  'transform', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray',
  'stroke-dashoffset', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'opacity', 'display', 'visibility',
  'text-anchor', 'dominant-baseline', 'font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing',
  'clip-path', 'clip-rule', 'id', 'class', 'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform',
  'clipPathUnits', 'aria-hidden', 'pointer-events', 'shape-rendering',
]);
/** Attribute values may point only inside the figure: url(#id), never url(http…) or url(data…). */
const URL_VALUE = /url\(\s*['"]?([^'")]*)['"]?\s*\)/gi;

export interface InlineSvgOptions {
  /** Prefix for every id in the chart, unique on the page. */
  idPrefix: string;
  /** The chart's alt text, its accessible name. */
  alt: string;
}

export function inlineSvg(svg: string, options: InlineSvgOptions): string {
  const out: string[] = [];
  const open: (string | null)[] = []; // null: an element dropped or unwrapped
  let skipping = 0; // depth inside a dropped element: its children go too
  const titleId = `${options.idPrefix}title`;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (skipping || !ELEMENTS.has(name)) {
        if (skipping || !UNWRAPPED.has(name)) skipping++;
        open.push(null);
        return;
      }
      const root = name === 'svg' && open.length === 0;
      const kept = Object.entries(attrs).filter(([k, v]) => ATTRIBUTES.has(k) && safeValue(v)).map(([k, v]) => {
        if (k === 'id') v = options.idPrefix + v;
        if (k === 'font-family') v = cssFontFamily(v);
        // Vega sizes the chart in points; a CSS pixel is ¾ of a point, so the chart shows at its printed size.
        if (root && (k === 'width' || k === 'height')) v = String(Math.round((Number(v) * 4) / 3));
        return ` ${k}="${esc(v.replace(URL_VALUE, (_, ref: string) => `url(#${options.idPrefix}${ref.replace(/^#/, '')})`))}"`;
      });
      if (root) {
        kept.push(' xmlns="http://www.w3.org/2000/svg"', ' role="img"', ` aria-labelledby="${esc(titleId)}"`, ' focusable="false"');
        out.push(`<svg${kept.join('')}><title id="${esc(titleId)}">${esc(options.alt)}</title>`);
      } else {
        out.push(`<${name}${kept.join('')}>`);
      }
      open.push(name);
    },
    ontext(text) {
      if (!skipping) out.push(esc(text));
    },
    onclosetag() {
      const name = open.pop();
      if (name) out.push(`</${name}>`);
      else if (skipping) skipping--;
    },
  }, { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true });
  parser.write(svg);
  parser.end();
  return out.join('');
}

/**
 * Vega writes a family unquoted (Source Sans 3); in CSS a name with a word that
 * starts with a digit must be quoted, or the browser drops the whole value and
 * falls back to the page's serif.
 */
function cssFontFamily(value: string): string {
  return value.split(',').map((f) => f.trim()).map((f) => (/^["']/.test(f) || !/(^|\s)\d/.test(f) ? f : `"${f}"`)).join(', ');
}

/** A value that names something outside the figure (a URL other than #id, a script) is dropped with its attribute. */
function safeValue(value: string): boolean {
  if (/javascript:|data:|https?:|\/\//i.test(value)) return false;
  for (const m of value.matchAll(URL_VALUE)) if (!m[1].trim().startsWith('#')) return false;
  return true;
}

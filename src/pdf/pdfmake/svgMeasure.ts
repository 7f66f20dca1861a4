// Chart sizes: pdfmake parses each chart's SVG twice as it measures it, once to
// read its width and height and once to write the laid-out ones into it (about
// 50 ms for the paper's six charts in a fresh process). Both depend on the SVG
// text alone, so each is done once per text: kept for the next build of the
// process and, with a cache (out/.cache), on disk.
import { internals, type Any, type Hooked } from './internals.ts';
import { KeptResults } from '../../cache/buildMemo.ts';
import type { Cache } from '../../cache/cache.ts';

export const hooked: Hooked[] = [
  ['SVGMeasure', 'measureSVG', 'let doc = parseSVG(svg)'],
  ['SVGMeasure', 'writeDimensions', 'doc.toString()'],
];

interface Size { width: number | undefined; height: number | undefined }

const isSize = (v: unknown): v is Size =>
  !!v && typeof v === 'object' && ['width', 'height'].every((k) => (v as Record<string, unknown>)[k] === undefined || typeof (v as Record<string, unknown>)[k] === 'number');
const isString = (v: unknown): v is string => typeof v === 'string';

const sizes = new KeptResults('svg-size', isSize);
const resized = new KeptResults('svg-resized', isString);

/** Called before a document is rendered (its cache, if any; whether the process keeps sizes for a next build), and after it with undefined. */
export function measureSvgWith(cache: Cache | undefined, rebuilds = false): void {
  sizes.use(cache, rebuilds);
  resized.use(cache, rebuilds);
}

/** Ends a build: the SVGs it measured are kept for the next. */
export function endSvgBuild(): void {
  sizes.endBuild();
  resized.endBuild();
}

export function install(): void {
  const SM = internals.SVGMeasure().prototype;
  const { measureSVG, writeDimensions } = SM;
  SM.measureSVG = function (this: Any, svg: unknown) {
    if (typeof svg !== 'string') return measureSVG.call(this, svg);
    // JSON has no undefined: a missing side is stored as absent and read back the same.
    return sizes.get(svg, () => measureSVG.call(this, svg));
  };
  SM.writeDimensions = function (this: Any, svg: unknown, size: { width: number; height: number }) {
    if (typeof svg !== 'string') return writeDimensions.call(this, svg, size);
    return resized.get(`${size.width} ${size.height}\n${svg}`, () => writeDimensions.call(this, svg, size));
  };
}

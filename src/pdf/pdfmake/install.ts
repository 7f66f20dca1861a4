// The one install step for every pdfmake hook: checks that pdfmake is the
// version the hooks were written for and that each hooked member still holds
// the code its hook relies on, then installs the hooks, once per process.
//
// One file per concern, each a thin hook over a small core:
// - lineBreaking.ts: total-fit line breaking (core: layout/lineBreaking.ts);
// - footnotes.ts: notes at the page foot, floats, widows, orphans, keep-with-next
//   (core: layout/footnotePlacement.ts);
// - justification.ts: justification at spaces only, drawn hyphens;
// - fontCache.ts: one glyph-run store per font file, for the process and on disk
//   (core: layout/shapedRuns.ts);
// - textRuns.ts: a line's words of one look drawn as one text object (core:
//   layout/textRuns.ts);
// - lineReplay.ts: a plain line drawn again from the operators it wrote before,
//   when the fonts, glyphs and states they name still hold, for the process and
//   on disk (core: pdf/lineTape.ts);
// - tagging.ts: the structure tree, Artifacts, ActualText, XMP (core: layout/structure.ts);
// - styleLookup.ts: pdfmake's style lookup without its allocations, same search order;
// - compression.ts: a stream whose bytes did not change since the last build is
//   not compressed again (core: pdf/streamMemo.ts);
// - svgMeasure.ts: a chart's SVG measured once per text, not parsed twice a build;
// - chartReplay.ts: a chart drawn again from the operators it wrote before, when
//   the fonts and states they name are still the same, for the process and on disk;
// - measureCache.ts: a paragraph measured once per text and styles, for the
//   process and on disk (core: layout/measuredLeaves.ts);
// - subsetCache.ts: a font's subset encoded once per glyph list, for the
//   process and on disk.
import { createRequire } from 'node:module';
import { PDFMAKE_VERSION, internals, type Hooked } from './internals.ts';
import * as lineBreaking from './lineBreaking.ts';
import * as footnotes from './footnotes.ts';
import * as justification from './justification.ts';
import * as fontCache from './fontCache.ts';
import * as textRuns from './textRuns.ts';
import * as lineReplay from './lineReplay.ts';
import * as tagging from './tagging.ts';
import * as styleLookup from './styleLookup.ts';
import * as compression from './compression.ts';
import * as svgMeasure from './svgMeasure.ts';
import * as chartReplay from './chartReplay.ts';
import * as subsetCache from './subsetCache.ts';
import * as measureCache from './measureCache.ts';
import type { Cache } from '../../cache/cache.ts';
import { keepBreaks, recallBreaks } from '../../layout/keptBreaks.ts';
import { asBundled } from '../../bundledSource.ts';

const require = createRequire(import.meta.url);
// Line breaking first: the footnote hooks build a paragraph's lines through it.
// Text runs before tagging: tagging draws each element's words through them;
// line replay between the two, so a tape holds a run's operators, not its marks.
// Chart replay before tagging too: a chart's marked content wraps what it replays.
const concerns = [lineBreaking, footnotes, justification, fontCache, textRuns, lineReplay, chartReplay, tagging, styleLookup, compression, svgMeasure, measureCache, subsetCache];

export { PDFMAKE_VERSION };
export { lastLayoutMs } from './footnotes.ts';

/** Every hooked (or relied-upon) member, with a fragment of its source. */
export const HOOKED: Hooked[] = concerns.flatMap((c) => c.hooked);

/** Throws, naming the member, if pdfmake is not the version these hooks were written for. */
export function assertHookable(): void {
  const version = require('pdfmake/package.json').version;
  if (version !== PDFMAKE_VERSION) throw new Error(`pdfmake ${version} is installed; the layout hooks need exactly ${PDFMAKE_VERSION}`);
  for (const [cls, member, fragment] of HOOKED) {
    const fn = member.startsWith('static ') ? internals[cls]()[member.slice(7)] : internals[cls]().prototype[member];
    if (typeof fn !== 'function') throw new Error(`pdfmake internal ${cls}.${member} is missing`);
    if (!containsFragment(String(fn), fragment)) throw new Error(`pdfmake internal ${cls}.${member} changed: "${fragment}" not found`);
  }
}

/**
 * Whether a function's source holds a fragment, as the bundle (bin/bundle.mjs)
 * may print it: esbuild drops spaces and numbers local names apart (`node`
 * becomes `node3`), so both are set aside.
 */
export function containsFragment(source: string, fragment: string): boolean {
  return asBundled(source).includes(asBundled(fragment));
}

let installed = false;

export function installHooks(): void {
  if (installed) return;
  assertHookable();
  for (const concern of concerns) concern.install();
  installed = true;
}

/** The document being rendered: its cache, for what it keeps when it ends. */
let rendering: { cache: Cache | undefined } | undefined;

/**
 * Before a document renders: where what it shapes, measures and breaks is kept
 * (undefined: nowhere on disk), and whether the process keeps it in memory for
 * a next build (`rebuilds`: brief watch).
 */
export function beginRender(cache: Cache | undefined, rebuilds: boolean): void {
  rendering = { cache };
  recallBreaks(cache);
  fontCache.shapeWith(cache);
  svgMeasure.measureSvgWith(cache, rebuilds);
  chartReplay.replayChartsWith(cache, rebuilds);
  lineReplay.replayLinesWith(cache, rebuilds);
  measureCache.measureWith(cache, rebuilds);
  subsetCache.subsetsWith(cache, rebuilds);
  compression.reuseStreams(rebuilds);
}

/** After it rendered, or failed to: what a rendered document shaped, measured and broke anew is kept; the build ends for every memo. */
export function endRender(rendered: boolean): void {
  try {
    if (rendered) {
      fontCache.keepShapedWords();
      measureCache.keepMeasured();
      keepBreaks(rendering?.cache);
    }
  } finally {
    measureCache.measureWith(null);
    measureCache.endMeasureBuild();
    fontCache.shapeWith(undefined);
    svgMeasure.measureSvgWith(undefined);
    svgMeasure.endSvgBuild();
    chartReplay.replayChartsWith(undefined);
    chartReplay.endChartBuild();
    lineReplay.replayLinesWith(undefined);
    lineReplay.endLineBuild(rendered);
    subsetCache.subsetsWith(undefined);
    subsetCache.endSubsetBuild();
    compression.reuseStreams(false);
    rendering = undefined;
  }
}

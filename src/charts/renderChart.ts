// Renders one Vega-Lite spec to SVG in Node: data bound inline, text measured
// with the brief's fonts, expressions interpreted (never compiled to JS),
// file access sandboxed to data/, and ids reset so output is byte-stable.
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { measureTextWidth } from './textMetrics.ts';
import { sandboxLoader, type LoaderProblem } from './sandboxLoader.ts';
import { chartConfig } from './theme.ts';
import { checkTextFit, sceneGeometry, type TextProblem } from './textFit.ts';
import { preloadValidator } from './specSchema.ts';
import { compileKept } from './compiledSpecs.ts';
import type { Cache } from '../cache/cache.ts';

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
}

export class ChartSpecError extends Error {}

/** Text the layout could not fit: each label and what is wrong with it. */
export class ChartTextError extends Error {
  constructor(readonly problems: TextProblem[]) {
    super(problems.map((p) => `"${p.text}" ${p.problem}`).join('; '));
  }
}

/**
 * vega and vega-lite take a third of a second to import: only a build that
 * draws a chart pays for them, and vega-lite only one whose compiled spec is
 * not kept (compiledSpecs.ts).
 */
let libraries: Promise<{ vega: typeof Vega; expressionInterpreter: unknown }> | undefined;
function load() {
  libraries ??= Promise.all([import('vega'), import('vega-interpreter')]).then(([vega, interpreter]) => {
    (vega as unknown as { textMetrics: { width: typeof measureTextWidth } }).textMetrics.width = measureTextWidth;
    return { vega, expressionInterpreter: interpreter.expressionInterpreter };
  });
  return libraries;
}
let vegaLite: Promise<typeof VegaLite> | undefined;
const loadVegaLite = () => (vegaLite ??= import('vega-lite'));

/** Loads vega, vega-lite and the spec validator ahead of need: `brief watch` does it after its first build. */
export async function preloadCharts(): Promise<void> {
  await Promise.all([load(), loadVegaLite(), preloadValidator()]);
}

export async function renderChart(
  spec: Record<string, unknown>,
  datasets: Record<string, unknown[]>,
  width: number,
  dataDir: string,
  problems: LoaderProblem[],
  cache?: Cache,
): Promise<ChartSvg> {
  const base = {
    ...spec,
    datasets: { ...(spec.datasets as object | undefined), ...datasets },
    background: null,
    config: { ...chartConfig, ...(spec.config as object | undefined) },
  };
  if (!spec.facet) return renderVega({ ...base, width, autosize: { type: 'fit-x', contains: 'padding' } }, dataDir, problems, width, cache);
  // Vega-Lite cannot fit a faceted chart to a width: size the inner plot,
  // measure the whole, and correct once so the chart is exactly the column.
  const inner = (w: number) => ({ ...base, spec: { ...(spec.spec as object), width: w } });
  const first = await renderVega(inner(width * 0.7), dataDir, problems, width, cache);
  return renderVega(inner(width * 0.7 + width - first.width), dataDir, problems, width, cache);
}

async function renderVega(full: Record<string, unknown>, dataDir: string, problems: LoaderProblem[], width: number, cache: Cache | undefined): Promise<ChartSvg> {
  const { vega, expressionInterpreter } = await load();
  let compiled: Vega.Spec;
  try {
    const compile = async (spec: object) => (await loadVegaLite()).compile(spec as unknown as VegaLite.TopLevelSpec, { logger: silentLogger() }).spec;
    const runtimeOf = (spec: Vega.Spec) => JSON.stringify(vega.parse(spec, undefined, { ast: true } as never));
    compiled = await compileKept(full, compile, (a, b) => runtimeOf(a) === runtimeOf(b), cache);
  } catch (e) {
    throw new ChartSpecError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  // Expressions are parsed to an AST and interpreted; one the parser or the
  // interpreter refuses (e.g. reaching for `constructor`) is the spec's fault.
  const specError = (e: unknown) => new ChartSpecError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  let runtime: Vega.Runtime;
  try {
    runtime = vega.parse(compiled, undefined, { ast: true } as never);
  } catch (e) {
    throw specError(e);
  }
  const view = new vega.View(runtime, {
    renderer: 'none',
    loader: sandboxLoader(dataDir, problems) as unknown as Vega.Loader,
    expr: expressionInterpreter,
    logLevel: vega.None,
  } as never);
  try {
    (vega as unknown as { resetSVGDefIds: () => void }).resetSVGDefIds();
    let svg: string;
    try {
      await view.runAsync();
      svg = await view.toSVG();
    } catch (e) {
      throw specError(e);
    }
    const size = /<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"/.exec(svg);
    const drawn = { svg, width: size ? Number(size[1]) : width, height: size ? Number(size[2]) : 0 };
    const { texts, borders } = sceneGeometry((view.scenegraph() as unknown as { root: unknown }).root, view.origin() as [number, number]);
    const problems = checkTextFit(texts, borders, drawn.width, drawn.height);
    if (problems.length) throw new ChartTextError(problems);
    return drawn;
  } finally {
    view.finalize();
  }
}

/** vega-lite warns on the console for things like dropped encodings; the brief's build stays quiet. */
function silentLogger() {
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      throw new ChartSpecError(args.map(String).join(' '));
    },
    warn: () => logger,
    info: () => logger,
    debug: () => logger,
  };
  return logger as never;
}

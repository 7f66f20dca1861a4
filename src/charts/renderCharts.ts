// Charts stage: every placed chart rendered to SVG from its spec and the
// figures it plots, one after another (vega's SVG ids are module-global).
import { join } from 'node:path';
import { BriefFailure, type BriefError } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import type { Project } from '../load/loadProject.ts';
import type { BriefDocument } from '../model/types.ts';
import { chartRows, type Row } from './chartRows.ts';
import { outlines } from './geo.ts';
import { checkSpec, type SpecProblem } from './specSchema.ts';
import { LIMITS } from '../limits.ts';
import jsonMap from 'json-source-map';
import { renderChart, ChartSpecError, ChartTextError, type ChartSvg } from './renderChart.ts';
import type { LoaderProblem } from './sandboxLoader.ts';
import { noCache, type Cache } from '../cache/cache.ts';
import { keepLabelWidths, measureWith } from './textMetrics.ts';

export type ChartImages = Map<string, ChartSvg>;

/** `width` is the text block's, in points: charts are drawn at the size they are printed. */
export async function renderCharts(project: Project, document: BriefDocument, width: number, cache: Cache = noCache): Promise<ChartImages> {
  if (document.figures.length > LIMITS.charts) throw new BriefFailure([messages.limit({ file: 'data/charts.yaml' }, `${document.figures.length} charts`, String(LIMITS.charts))]);
  measureWith(cache);
  try {
    return await renderEach(project, document, width, cache);
  } finally {
    keepLabelWidths();
    measureWith(undefined);
  }
}

async function renderEach(project: Project, document: BriefDocument, width: number, cache: Cache): Promise<ChartImages> {
  const images: ChartImages = new Map();
  const errors: BriefError[] = [];
  for (const figure of document.figures) {
    const id = figure.chartId;
    const chart = project.charts[id];
    const where = project.whereChart(id);
    const before = errors.length;
    const { rows } = chartRows(id, chart, project.figures, where, errors, project.meta.language);
    errors.push(...unknownFields(chart.vegaLite, rows).map((f) => messages.chartField({ file: chart.spec }, id, f, Object.keys(rows[0] ?? {}))));
    errors.push(...specLimits(chart.vegaLite, rows.length).map((what) => messages.limit({ file: chart.spec }, `chart "${id}": ${what}`, what.includes('rows') ? `${LIMITS.chartRows.toLocaleString('en')} rows` : `${LIMITS.chartSize} points`)));
    if (errors.length > before) continue;
    const problems: LoaderProblem[] = [];
    try {
      const render = async () => {
        // The spec as written, against the Vega-Lite schema, before vega sees it. A spec
        // found valid is remembered (by its text and the library versions): after a
        // figure edit the 8 MB validator need not load again for the same spec.
        if (!cache.read('valid-spec', chart.vegaLite)) {
          const problem = await checkSpec(chart.vegaLite);
          if (problem) throw new ChartSpecSchemaError(problem, specLine(project, chart.spec, problem.pointer));
          cache.write('valid-spec', chart.vegaLite, true);
        }
        const datasets: Record<string, unknown[]> = { rows };
        // The world's outlines load only when a map is drawn, not on every build.
        if (chart.geo) {
          const map = outlines(chart.geo);
          if (map.unknown.length) throw new UnknownAreas(map.unknown);
          datasets.outline = map.features;
        }
        return renderChart(chart.vegaLite, datasets, width, join(project.root, 'data'), problems, cache);
      };
      // A spec that loads files from data/ depends on more than its key: it is rendered every time.
      const loadsFiles = JSON.stringify(chart.vegaLite).includes('"url"');
      images.set(id, loadsFiles ? await render() : await cache.get('chart', { spec: chart.vegaLite, rows, geo: chart.geo, width }, render));
    } catch (e) {
      if (e instanceof UnknownAreas) errors.push(...e.areas.map((a) => messages.unknownArea(where, id, a)));
      else if (e instanceof ChartSpecSchemaError) errors.push(messages.chartSchema({ file: chart.spec, ...e.where }, id, e.problem.pointer, e.problem.message));
      else if (e instanceof ChartTextError) errors.push(...e.problems.map((p) => messages.chartText({ file: chart.spec }, id, p.text, p.kind, p.problem)));
      else if (e instanceof ChartSpecError) errors.push(messages.chartSpec({ file: chart.spec }, id, e.message));
      else throw e;
    }
    errors.push(...problems.map((p) => messages.chartLoad({ file: chart.spec }, id, p.uri, p.reason)));
  }
  if (errors.length) throw new BriefFailure(errors);
  return images;
}

/**
 * What a spec asks for before it is run: rows from inline values and generated
 * sequences (with the rows from data), multiplied by the transforms that make
 * rows (fold, flatten, density, loess, regression, quantile, impute), and its
 * size. Vega would try to build a million-row sequence and run out of memory.
 */
function specLimits(spec: unknown, dataRows: number): string[] {
  let rows = dataRows;
  let factor = 1;
  let longestArray = 1;
  let size = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (Array.isArray(o.values)) {
      rows += o.values.length;
      for (const v of o.values) if (v && typeof v === 'object') for (const x of Object.values(v)) if (Array.isArray(x)) longestArray = Math.max(longestArray, x.length);
    }
    const seq = o.sequence as { start?: unknown; stop?: unknown; step?: unknown } | undefined;
    if (seq && typeof seq === 'object') {
      const start = Number(seq.start ?? 0);
      const stop = Number(seq.stop);
      const step = Math.abs(Number(seq.step ?? 1)) || 1;
      rows += Number.isFinite(stop - start) ? Math.ceil(Math.abs(stop - start) / step) : Infinity;
    }
    // Transforms that make rows: each multiplies what comes in by at most this much.
    if (Array.isArray(o.fold)) factor *= Math.max(1, o.fold.length);
    if (Array.isArray(o.flatten)) factor *= longestArray;
    for (const t of ['density', 'loess', 'regression', 'quantile']) {
      if (typeof o[t] === 'string') factor *= Math.max(200, Number(o.steps ?? o.maxsteps ?? 200) || Infinity);
    }
    if (typeof o.impute === 'string') factor *= 10;
    for (const k of ['width', 'height']) if (typeof o[k] === 'number') size = Math.max(size, o[k] as number);
    Object.values(o).forEach(walk);
  };
  walk(spec);
  const total = rows * factor;
  const out: string[] = [];
  if (total > LIMITS.chartRows) out.push(`${Number.isFinite(total) ? total.toLocaleString('en') : 'unbounded'} rows of data`);
  if (size > LIMITS.chartSize) out.push(`a size of ${size} points`);
  return out;
}

class UnknownAreas extends Error {
  constructor(readonly areas: string[]) {
    super(areas.join(', '));
  }
}

class ChartSpecSchemaError extends Error {
  constructor(readonly problem: SpecProblem, readonly where: { line?: number; column?: number }) {
    super(problem.message);
  }
}

/** The line and column of a JSON pointer in the spec's file, as read. */
function specLine(project: Project, file: string, pointer: string): { line?: number; column?: number } {
  const text = project.sources.find((s) => s.file === file)?.text;
  if (text === undefined) return {};
  const at = (jsonMap.parse(text) as { pointers: Record<string, { value: { line: number; column: number }; key?: { line: number; column: number } }> }).pointers[pointer];
  const pos = at?.key ?? at?.value;
  return pos ? { line: pos.line + 1, column: pos.column + 1 } : {};
}

/** Fields a spec reads that neither its rows nor its own transforms provide. */
function unknownFields(spec: unknown, rows: Row[]): string[] {
  const provided = new Set<string>(rows.flatMap((r) => Object.keys(r)));
  const used = new Set<string>();
  // Only subtrees that read the rows count; the map outline and inline values have fields of their own.
  const walk = (node: unknown, readsRows: boolean) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, readsRows));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const rows = o.data && typeof o.data === 'object' ? (o.data as { name?: string }).name === 'rows' : readsRows;
    if (typeof o.as === 'string') provided.add(o.as);
    if (typeof o.field === 'string' && rows) used.add(o.field.split('.')[0]);
    for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v, rows);
  };
  walk(spec, true);
  return [...used].filter((f) => !provided.has(f));
}

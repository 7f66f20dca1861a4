// Charts stage: every placed chart rendered to SVG from its spec and the
// figures it plots, one after another (vega's SVG ids are module-global).
import { join } from 'node:path';
import { BriefFailure, type BriefError } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import type { Project } from '../load/loadProject.ts';
import type { BriefDocument } from '../model/types.ts';
import { chartRows, type Row } from './chartRows.ts';
import { outlines } from './geo.ts';
import { renderChart, ChartSpecError, ChartTextError, type ChartSvg } from './renderChart.ts';
import type { LoaderProblem } from './sandboxLoader.ts';
import { noCache, type Cache } from '../cache/cache.ts';

export type ChartImages = Map<string, ChartSvg>;

/** `width` is the text block's, in points: charts are drawn at the size they are printed. */
export async function renderCharts(project: Project, document: BriefDocument, width: number, cache: Cache = noCache): Promise<ChartImages> {
  const images: ChartImages = new Map();
  const errors: BriefError[] = [];
  for (const figure of document.figures) {
    const id = figure.chartId;
    const chart = project.charts[id];
    const where = project.whereChart(id);
    const before = errors.length;
    const { rows } = chartRows(id, chart, project.figures, where, errors, project.meta.language);
    errors.push(...unknownFields(chart.vegaLite, rows).map((f) => messages.chartField({ file: chart.spec }, id, f, Object.keys(rows[0] ?? {}))));
    const map = chart.geo ? outlines(chart.geo) : undefined;
    errors.push(...(map?.unknown ?? []).map((a) => messages.unknownArea(where, id, a)));
    if (errors.length > before) continue;
    const problems: LoaderProblem[] = [];
    try {
      const render = () => {
        const datasets: Record<string, unknown[]> = { rows };
        if (map) datasets.outline = map.features;
        return renderChart(chart.vegaLite, datasets, width, join(project.root, 'data'), problems);
      };
      // A spec that loads files from data/ depends on more than its key: it is rendered every time.
      const loadsFiles = JSON.stringify(chart.vegaLite).includes('"url"');
      images.set(id, loadsFiles ? await render() : await cache.get('chart', { spec: chart.vegaLite, rows, geo: chart.geo, width }, render));
    } catch (e) {
      if (e instanceof ChartTextError) errors.push(...e.problems.map((p) => messages.chartText({ file: chart.spec }, id, p.text, p.kind, p.problem)));
      else if (e instanceof ChartSpecError) errors.push(messages.chartSpec({ file: chart.spec }, id, e.message));
      else throw e;
    }
    errors.push(...problems.map((p) => messages.chartLoad({ file: chart.spec }, id, p.uri, p.reason)));
  }
  if (errors.length) throw new BriefFailure(errors);
  return images;
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

// `npm run bench`: builds the brief and synthetic briefs of 1×, 5× and 20×
// the paper's length, and prints time per page for each stage. Writes
// out/bench.json. A measurement, never a test: nothing here passes or fails.
import { mkdirSync, writeFileSync } from 'node:fs';
import { getDocumentProxy } from 'unpdf';
import { loadProject } from '../src/load/loadProject.ts';
import { buildProject } from '../src/pipeline.ts';
import { scaleProject } from './synthetic.ts';

const SCALES = [1, 5, 20];
const RUNS = 3;

async function pages(pdf: Uint8Array): Promise<number> {
  return (await getDocumentProxy(new Uint8Array(pdf))).numPages;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const base = loadProject('.');
await buildProject(base); // warm-up: fonts parsed, modules compiled
const rows = [];
for (const scale of SCALES) {
  const project = scaleProject(base, scale);
  const samples: Record<string, number>[] = [];
  let pageCount = 0;
  for (let r = 0; r < RUNS; r++) {
    const started = performance.now();
    const result = await buildProject(project);
    samples.push({ total: performance.now() - started, ...result.timings });
    pageCount = await pages(result.pdf);
  }
  const pick = (k: string) => median(samples.map((s) => s[k] ?? 0));
  rows.push({
    scale,
    pages: pageCount,
    notes: Object.keys(project.notes).length,
    totalMs: pick('total'),
    layoutMs: pick('pageLayout'),
    layoutMsPerPage: pick('pageLayout') / pageCount,
    totalMsPerPage: pick('total') / pageCount,
    peakRssMiB: process.memoryUsage().rss / 2 ** 20,
  });
}

const fmt = (n: number, d = 1) => n.toFixed(d).padStart(8);
console.log('scale  pages  notes   total ms  layout ms  layout ms/page  total ms/page');
for (const r of rows) {
  console.log(`${String(r.scale).padStart(4)}× ${String(r.pages).padStart(6)} ${String(r.notes).padStart(6)} ${fmt(r.totalMs)}   ${fmt(r.layoutMs)}   ${fmt(r.layoutMsPerPage, 2)}        ${fmt(r.totalMsPerPage, 2)}`);
}
const ratio = rows[2].layoutMs / rows[0].layoutMs;
console.log(`layout cost at 20× is ${ratio.toFixed(1)}× the 1× cost (goal: at most 25×); per page ${(rows[2].layoutMsPerPage / rows[0].layoutMsPerPage).toFixed(2)}× the 1× rate`);
mkdirSync('out', { recursive: true });
writeFileSync('out/bench.json', JSON.stringify({ runs: RUNS, rows, layoutRatio20x: ratio }, null, 2) + '\n');

// `npm run bench`: what a build costs. Prints a table and writes
// out/bench.json. A measurement, never a test: nothing here passes or fails.
//
//   cold     `brief build` as a fresh process, median of 5, with the notes and
//            chart cache in out/.cache warm and with --no-cache
//   warm     a rebuild in one process after a one-figure edit, as `brief watch` does it
//   stages   time per stage of that warm rebuild
//   scale    synthetic briefs of 1×, 5× and 20× the paper: layout time per page,
//            and the 20× build's peak memory in a process of its own
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocumentProxy } from 'unpdf';
import { loadProject, type Project } from '../src/load/loadProject.ts';
import { buildProject } from '../src/pipeline.ts';
import { CACHED_PACKAGES, diskCache } from '../src/cache/cache.ts';
import { scaleProject } from './synthetic.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n: number) => Math.round(n * 10) / 10;

function cold(extra: string[]): number {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    execFileSync(process.execPath, ['bin/brief.js', 'build', '--out', 'out/bench-cold.pdf', ...extra], { stdio: 'ignore' });
    runs.push(performance.now() - started);
  }
  return median(runs);
}

execFileSync(process.execPath, ['bin/brief.js', 'build', '--out', 'out/bench-cold.pdf'], { stdio: 'ignore' }); // bundle, fill the cache
const coldCached = cold([]);
const coldUncached = cold(['--no-cache']);

// Warm: the second build in a process, after editing one figure (charts and notes cached as in watch mode).
const cache = diskCache(mkdtempSync(join(tmpdir(), 'brief-bench-')), 'bench', CACHED_PACKAGES);
const base = loadProject('.');
await buildProject(base, { cache });
const edited: Project = { ...base, figures: { ...base.figures, 'chinese-tourists-2019': { ...base.figures['chinese-tourists-2019'], value: 151234 } as never } };
const warmRuns: number[] = [];
let stages: Record<string, number> = {};
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const result = await buildProject(i % 2 ? base : edited, { cache });
  warmRuns.push(performance.now() - started);
  stages = Object.fromEntries(Object.entries(result.timings).map(([k, v]) => [k, round(v!)]));
}
const warm = median(warmRuns);

const scales = [];
for (const times of [1, 5, 20]) {
  const project = scaleProject(base, times);
  const layout: number[] = [];
  let pages = 0;
  for (let r = 0; r < 3; r++) {
    const result = await buildProject(project);
    layout.push(result.timings.pageLayout!);
    pages = (await getDocumentProxy(new Uint8Array(result.pdf))).numPages;
  }
  scales.push({ times, pages, notes: Object.keys(project.notes).length, layoutMs: round(median(layout)), layoutMsPerPage: round(median(layout) / pages) });
}
const peak = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/peak.ts', '20'], { encoding: 'utf8' }).trim().split('\n').pop()!);

console.log(`cold build (fresh process, median of 5): ${round(coldCached)} ms with the cache, ${round(coldUncached)} ms without`);
console.log(`warm rebuild after a one-figure edit:    ${round(warm)} ms`);
console.log(`stages of that rebuild (ms):             ${Object.entries(stages).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log('scale  pages  notes  layout ms  layout ms/page');
for (const s of scales) console.log(`${String(s.times).padStart(4)}× ${String(s.pages).padStart(6)} ${String(s.notes).padStart(6)} ${String(s.layoutMs).padStart(10)} ${String(s.layoutMsPerPage).padStart(15)}`);
const ratio = scales[2].layoutMs / scales[0].layoutMs;
console.log(`layout at 20× costs ${round(ratio)}× the 1× layout (goal ≤ 25×); per page ${round(scales[2].layoutMsPerPage / scales[0].layoutMsPerPage)}× the 1× rate`);
console.log(`peak memory of the 20× build: ${round(peak.peakRssMiB)} MiB (goal < 400 MiB)`);
mkdirSync('out', { recursive: true });
writeFileSync('out/bench.json', JSON.stringify({ coldCachedMs: round(coldCached), coldUncachedMs: round(coldUncached), warmRebuildMs: round(warm), stages, scales, layoutRatio20x: round(ratio), peak20xRssMiB: round(peak.peakRssMiB) }, null, 2) + '\n');

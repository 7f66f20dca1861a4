// `npm run bench`: what a build costs. Prints a table and writes
// out/bench.json. A measurement, never a test: nothing here passes or fails.
//
//   Every command runs as npx and a shell run it: bin/brief.js as a program,
//   which starts node without NODE_EXTRA_CA_CERTS (bin/brief.js says why).
//
//   edit     `brief build` as a fresh process after a one-figure edit, with
//            out/.cache warm (notes, charts, shaped words), median of 5; with
//            the user and system CPU time of each command (GNU time), which
//            varies less than the wall time on a busy machine
//   same     `brief build` with nothing changed (the up-to-date check), median of 15
//            (three after each edit build), beside `node -e 0`, median of 15
//   clean    `brief build --no-cache`, median of 5
//   both     `brief build --format pdf,html` after a one-figure edit, median of 5,
//            against the PDF alone (the goal: under 1.3×)
//   watch    `brief watch`, a one-figure edit to the PDF written (bench/watch.ts)
//   warm     a rebuild in one process after a one-figure edit, as `brief watch` does it
//   stages   time per stage of that warm rebuild
//   scale    synthetic briefs of 1×, 5× and 20× the paper: layout time per page,
//            and the peak memory of `brief build` on the 20× brief written out
//            as a project (bench/scaledFiles.ts), with out/.cache warm and without
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocumentProxy } from 'unpdf';
import { loadProject, type Project } from '../src/load/loadProject.ts';
import { buildProject } from '../src/pipeline.ts';
import { CACHED_PACKAGES, diskCache } from '../src/cache/cache.ts';
import { scaleProject } from './synthetic.ts';
import { scaledProjectDir } from './scaledFiles.ts';
import { tempDir } from './tempDir.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n: number) => Math.round(n * 10) / 10;

// A throw-away copy of the project, so the edits never touch data/.
const project = tempDir('brief-bench-cold-');
for (const d of ['data', 'templates', 'charts']) cpSync(d, join(project, d), { recursive: true });
const figures = join(project, 'data', 'figures.yaml');
/** CPU seconds (user and system) of each command run through `timed`, by what it measured. */
const cpu = new Map<string, number[]>();
const timed = (what: string, command: string[]) => {
  const report = join(project, 'time.txt');
  const started = performance.now();
  execFileSync('/usr/bin/time', ['-f', '%U %S', '-o', report, ...command], { stdio: 'ignore' });
  const wall = performance.now() - started;
  const [user, system] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  cpu.set(what, [...(cpu.get(what) ?? []), user + system]);
  return wall;
};
const cli = (what: string, ...extra: string[]) => timed(what, ['bin/brief.js', 'build', '--data', join(project, 'data'), ...extra]);
const cpuOf = (what: string) => round(median(cpu.get(what)!) * 1000);
const setTourists = (value: number) => writeFileSync(figures, readFileSync(figures, 'utf8').replace(/(chinese-tourists-2019:[\s\S]*?value: )\d+/, `$1${value}`));

cli('first'); // bundle, fill the cache
const editRuns: number[] = [];
const sameRuns: number[] = [];
const cleanRuns: number[] = [];
const bothRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  setTourists(146000 + i);
  editRuns.push(cli('edit'));
  // Three each: the check takes about 0.1 s, and its goal is that close.
  for (let j = 0; j < 3; j++) sameRuns.push(cli('same'));
  cleanRuns.push(cli('clean', '--no-cache', '--out', join(project, 'clean.pdf')));
  setTourists(147000 + i);
  bothRuns.push(cli('both', '--format', 'pdf,html', '--out', join(project, 'both.pdf')));
}
const both = median(bothRuns);
// Node's own start, the floor under every command: as the command starts it, and as plain `node` starts (the same where NODE_EXTRA_CA_CERTS is not set).
const nodeFloor = median(Array.from({ length: 15 }, () => timed('node', ['/usr/bin/env', '-u', 'NODE_EXTRA_CA_CERTS', process.execPath, '-e', '0'])));
const plainNode = median(Array.from({ length: 15 }, () => timed('plain node', [process.execPath, '-e', '0'])));
const coldEdit = median(editRuns);
const coldSame = median(sameRuns);
const coldUncached = median(cleanRuns);
const watchLine = execFileSync(process.execPath, ['--import', 'tsx', 'bench/watch.ts'], { encoding: 'utf8' }).trim().split('\n').pop()!;
const watch = /first (\d+) ms, median (\d+) ms/.exec(watchLine)!;

// Warm: the second build in a process, after editing one figure (charts and notes cached as in watch mode).
const cache = diskCache(tempDir('brief-bench-'), 'bench', CACHED_PACKAGES);
const base = loadProject('.');
await buildProject(base, { cache, rebuilds: true });
const edited: Project = { ...base, figures: { ...base.figures, 'chinese-tourists-2019': { ...base.figures['chinese-tourists-2019'], value: 151234 } as never } };
const warmRuns: number[] = [];
let stages: Record<string, number> = {};
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const result = await buildProject(i % 2 ? base : edited, { cache, rebuilds: true });
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
// Peak memory of the command as users run it (GNU time's maximum resident set size).
const big = scaledProjectDir('.', 20);
const peakOf = (...extra: string[]) => {
  execFileSync('/usr/bin/time', ['-f', '%M', '-o', join(big, 'time.txt'), 'bin/brief.js', 'build', '--data', join(big, 'data'), ...extra], { stdio: 'ignore' });
  return Number(readFileSync(join(big, 'time.txt'), 'utf8').trim().split('\n').pop()) / 1024;
};
const peakUncached = peakOf('--no-cache');
peakOf(); // fills out/.cache
rmSync(join(big, 'out', 'brief.pdf.inputs'));
const peakCached = peakOf();

console.log(`brief build after a one-figure edit (fresh process, caches warm): ${round(coldEdit)} ms, CPU ${cpuOf('edit')} ms (goal ≤ 800)`);
console.log(`brief build with nothing changed:                              ${round(coldSame)} ms, CPU ${cpuOf('same')} ms (goal ≤ 100; node -e 0 alone: ${round(nodeFloor)} ms, CPU ${cpuOf('node')} ms; ${round(plainNode)} ms, CPU ${cpuOf('plain node')} ms with this environment's NODE_EXTRA_CA_CERTS, if set)`);
console.log(`brief build --no-cache:                                        ${round(coldUncached)} ms, CPU ${cpuOf('clean')} ms`);
console.log(`brief build --format pdf,html after a one-figure edit:         ${round(both)} ms (${(both / coldEdit).toFixed(2)}× the PDF alone; goal < 1.3×)`);
console.log(`brief watch, one-figure edit to the PDF written:               first ${watch[1]} ms, median ${watch[2]} ms (goal ≤ 100)`);
console.log(`warm rebuild after a one-figure edit:    ${round(warm)} ms`);
console.log(`stages of that rebuild (ms):             ${Object.entries(stages).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log('scale  pages  notes  layout ms  layout ms/page');
for (const s of scales) console.log(`${String(s.times).padStart(4)}× ${String(s.pages).padStart(6)} ${String(s.notes).padStart(6)} ${String(s.layoutMs).padStart(10)} ${String(s.layoutMsPerPage).padStart(15)}`);
const ratio = scales[2].layoutMs / scales[0].layoutMs;
console.log(`layout at 20× costs ${round(ratio)}× the 1× layout (goal ≤ 25×); per page ${round(scales[2].layoutMsPerPage / scales[0].layoutMsPerPage)}× the 1× rate`);
console.log(`peak memory of brief build on the 20× brief: ${round(peakCached)} MiB with out/.cache warm, ${round(peakUncached)} MiB with --no-cache (goal < 400 MiB)`);
mkdirSync('out', { recursive: true });
writeFileSync('out/bench.json', JSON.stringify({ coldEditMs: round(coldEdit), coldEditCpuMs: cpuOf('edit'), nothingChangedMs: round(coldSame), nothingChangedCpuMs: cpuOf('same'), nodeStartMs: round(nodeFloor), nodeStartCpuMs: cpuOf('node'), plainNodeStartMs: round(plainNode), plainNodeStartCpuMs: cpuOf('plain node'), coldUncachedMs: round(coldUncached), coldUncachedCpuMs: cpuOf('clean'), bothFormatsMs: round(both), watchFirstMs: Number(watch[1]), watchMedianMs: Number(watch[2]), warmRebuildMs: round(warm), stages, scales, layoutRatio20x: round(ratio), peak20xMiB: round(peakCached), peak20xUncachedMiB: round(peakUncached) }, null, 2) + '\n');

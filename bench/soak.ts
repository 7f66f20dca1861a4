// `npm run soak`: what a long `brief watch` session does to memory. 200
// rebuilds in one process, each after an edit (a figure's value changes, so
// text, charts and notes change), with the cache a watch uses. Prints the heap
// after the 10th and the 200th rebuild; the goal is growth under 20%.
// Run with --expose-gc (the script does), so the heap is measured after a full GC.
import { join } from 'node:path';
import { loadProject, type Project } from '../src/load/loadProject.ts';
import { buildProject } from '../src/pipeline.ts';
import { CACHED_PACKAGES, diskCache } from '../src/cache/cache.ts';
import { tempDir } from './tempDir.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const rounds = Number(process.argv[2] ?? 200);
const cache = diskCache(tempDir('brief-soak-'), 'soak', CACHED_PACKAGES);
const base = loadProject('.');
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};
let tenth = 0;
const started = performance.now();
for (let i = 1; i <= rounds; i++) {
  // Every rebuild a new value: new words to shape, a new chart, a changed report.
  const edited: Project = { ...base, figures: { ...base.figures, 'chinese-tourists-2019': { ...base.figures['chinese-tourists-2019'], value: 140000 + i * 37 } as never } };
  await buildProject(edited, { cache, rebuilds: true });
  if (i === 10) tenth = heap();
}
const last = heap();
const growth = (last - tenth) / tenth;
console.log(`soak: ${rounds} rebuilds in ${Math.round((performance.now() - started) / 1000)} s; heap after the 10th ${tenth.toFixed(1)} MiB, after the ${rounds}th ${last.toFixed(1)} MiB (${(growth * 100).toFixed(1)}%, goal under 20%)`);

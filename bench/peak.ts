// Builds one synthetic brief in a fresh process and prints its peak memory:
// `tsx bench/peak.ts 20` for 20× the paper. Used by bench.ts.
import { loadProject } from '../src/load/loadProject.ts';
import { buildProject } from '../src/pipeline.ts';
import { scaleProject } from './synthetic.ts';

const times = Number(process.argv[2] ?? 1);
const started = performance.now();
const result = await buildProject(scaleProject(loadProject('.'), times));
process.stdout.write(JSON.stringify({ times, ms: performance.now() - started, bytes: result.pdf.length, peakRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n');

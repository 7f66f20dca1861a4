// `npm run bench:bad`: every bad input of the corpus (tests/fixtures/bad-inputs)
// as `brief build` in a fresh process, with its wall time and peak memory.
// The goal: each fails (or builds) within 30 s and under 1 GiB. A measurement,
// not a test: it prints the worst cases and writes out/bench-bad-inputs.json.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apply, cases } from '../tests/support/badInputs.ts';
import { tempDir } from './tempDir.ts';

const rows: { name: string; seconds: number; peakMiB: number; exit: number }[] = [];
for (const [name, c] of cases) {
  const dir = tempDir('brief-bench-bad-');
  for (const d of ['data', 'templates', 'charts']) cpSync(d, join(dir, d), { recursive: true });
  apply(dir, c);
  // /usr/bin/time -f: elapsed seconds and maximum resident set size (KiB) of the build.
  const out = (() => {
    try {
      execFileSync('/usr/bin/time', ['-f', '%e %M %x', '-o', join(dir, 'time.txt'), 'bin/brief.js', 'build', '--data', dir, '--no-cache', ...(c.args ?? [])], { stdio: 'ignore', timeout: 120_000 });
    } catch { /* a failing build exits 1: that is what is measured */ }
    return execFileSync('cat', [join(dir, 'time.txt')], { encoding: 'utf8' }).trim().split('\n').pop()!.split(' ');
  })();
  rows.push({ name, seconds: Number(out[0]), peakMiB: Math.round(Number(out[1]) / 1024), exit: Number(out[2]) });
}
rows.sort((a, b) => b.seconds - a.seconds);
const slowest = rows[0];
const hungriest = [...rows].sort((a, b) => b.peakMiB - a.peakMiB)[0];
console.log(`${rows.length} bad inputs: slowest ${slowest.name} ${slowest.seconds} s, largest ${hungriest.name} ${hungriest.peakMiB} MiB (goals: 30 s, 1024 MiB)`);
for (const r of rows.slice(0, 5)) console.log(`  ${r.name.padEnd(40)} ${String(r.seconds).padStart(6)} s ${String(r.peakMiB).padStart(6)} MiB  exit ${r.exit}`);
mkdirSync('out', { recursive: true });
writeFileSync('out/bench-bad-inputs.json', JSON.stringify(rows, null, 2) + '\n');

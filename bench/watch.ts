// `npm run bench:watch`: `brief watch` as a user runs it: one-figure edits to a
// charted figure, each timed by the command itself from the change to the PDF
// written ("wrote …(N ms)"). Prints the first edit's time and the median.
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './tempDir.ts';

const dir = tempDir('brief-bench-watch-');
for (const d of ['data', 'templates', 'charts']) cpSync(d, join(dir, d), { recursive: true });
const child = spawn('bin/brief.js', ['watch', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));
const until = (re: RegExp, from: number) => new Promise<number>((resolve) => {
  const poll = setInterval(() => {
    const m = re.exec(output.slice(from));
    if (m) {
      clearInterval(poll);
      resolve(from + m.index + m[0].length);
    }
  }, 20);
});
let at = await until(/watching data\//, 0);
await new Promise((r) => setTimeout(r, 3000)); // let the preload finish, as a user would take a moment to edit
const file = join(dir, 'data', 'figures.yaml');
const times: number[] = [];
for (let i = 0; i < 7; i++) {
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(chinese-tourists-2019:[\s\S]*?value: )\d+/, `$1${146000 + i}`));
  const end = await until(/wrote [^\n]*\((\d+) ms\)\n/, at);
  times.push(Number(/\((\d+) ms\)\n$/.exec(output.slice(at, end))![1]));
  at = end;
}
child.kill('SIGINT');
const sorted = [...times].sort((a, b) => a - b);
console.log(`watch, one-figure edit to a charted figure, to the PDF written: first ${times[0]} ms, median ${sorted[Math.floor(sorted.length / 2)]} ms (${times.join(', ')} ms)`);

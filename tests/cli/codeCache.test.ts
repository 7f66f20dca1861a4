// The bundled pipeline and V8's code cache for it (bin/bundle.js,
// src/cli/loadPipeline.ts): the script is named by its own hash, so a cache is
// never offered to another script, and a cache V8 refuses is made again
// without changing a byte of the PDF.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT, copyProject } from '../support/project.ts';

const dist = join(ROOT, 'dist');
const dir = copyProject();

function brief(...args: string[]): void {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/brief.js'), 'build', '--data', join(dir, 'data'), '--no-cache', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`brief build exited ${run.status}:\n${run.stderr}`);
}

test('the pipeline is one script named by its sha256, with its code cache beside it', () => {
  brief();
  const scripts = readdirSync(dist).filter((f) => /^run-.*\.cjs$/.test(f));
  expect(scripts).toHaveLength(1);
  const hash = createHash('sha256').update(readFileSync(join(dist, scripts[0]))).digest('hex').slice(0, 16);
  expect(scripts[0]).toBe(`run-${hash}.cjs`);
  expect(statSync(join(dist, `run-${hash}.v8cache`)).size).toBeGreaterThan(1_000_000);
  // The entry names that script: the up-to-date key, which hashes the entry, changes with it.
  expect(readFileSync(join(dist, 'brief.mjs'), 'utf8')).toContain(`"run-${hash}.cjs"`);
});

test('a damaged code cache is refused and made again, and the PDF is the same', () => {
  brief('--out', join(dir, 'out', 'first.pdf'));
  const cacheFile = join(dist, readdirSync(dist).find((f) => f.endsWith('.v8cache'))!);
  const good = readFileSync(cacheFile);
  // Same length, V8's header kept, the compiled code behind it scrambled.
  const damaged = Buffer.from(good);
  for (let i = 64; i < damaged.length; i += 7) damaged[i] ^= 0x5a;
  writeFileSync(cacheFile, damaged);
  brief('--out', join(dir, 'out', 'second.pdf'));
  expect(Buffer.compare(readFileSync(join(dir, 'out', 'second.pdf')), readFileSync(join(dir, 'out', 'first.pdf')))).toBe(0);
  expect(Buffer.compare(readFileSync(cacheFile), damaged)).not.toBe(0);
});

// Property: whatever happens to the data files, the templates or a chart spec, a build either fails with
// catalogue errors (kind, location, no stack) or produces a valid PDF —
// never a crash, a hang or an internal error. Runs on tests/fixtures/mini,
// a small project, so that 500 builds stay affordable.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { build } from '../../src/pipeline.ts';
import { BriefFailure, formatError } from '../../src/errors/BriefError.ts';
import { CACHED_PACKAGES, diskCache } from '../../src/cache/cache.ts';
import { ROOT } from '../support/project.ts';
import { tempDir } from '../support/tempDir.ts';

const MINI = join(ROOT, 'tests', 'fixtures', 'mini');
const FILES = [
  'data/brief.yaml', 'data/sections.yaml', 'data/figures.yaml', 'data/notes.yaml', 'data/references.json', 'data/charts.yaml',
  'templates/sections/one.md.hbs', 'templates/key-findings.md.hbs', 'templates/cover.md.hbs', 'charts/bars.vl.json',
];
const cache = diskCache(tempDir('brief-prop-cache-'), 'property', CACHED_PACKAGES);

/** Where in a file an edit lands, 0..1; uniform, since fast-check biases doubles to the ends. */
const position = fc.integer({ min: 0, max: 9999 }).map((n) => n / 10000);

/** Edits a text at a position chosen by `at`. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: position, length: fc.nat(12), text: fc.string({ unit: 'binary', maxLength: 12 }) }),
  fc.record({ op: fc.constant('delete-line' as const), at: position }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: position }),
  fc.record({ op: fc.constant('scalar' as const), at: position, value: fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom('null', '~', '[]', '{}', "''", '{{meta.title}}', '"**x**"', '{"text":"x"}', '__proto__', '-1e308', '1e400'), fc.string({ maxLength: 20 })) }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = Math.min(lines.length - 1, Math.floor(m.at * lines.length));
  switch (m.op) {
    case 'replace': {
      const pos = Math.floor(m.at * text.length);
      return text.slice(0, pos) + m.text + text.slice(pos + m.length);
    }
    case 'delete-line':
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
    case 'duplicate-line':
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    case 'scalar':
      lines[line] = lines[line].replace(/(:\s*)([^\s{[][^,}\]]*)/, `$1${String(m.value)}`);
      return lines.join('\n');
    case 'truncate':
      return text.slice(0, Math.floor(m.at * text.length));
  }
  return text;
}

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`hang: no result in ${ms} ms`)), ms))]);

test('500 random edits of the data files, templates and chart spec: a catalogue error or a valid PDF, every time', async () => {
  let built = 0;
  let failed = 0;
  const kinds = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...FILES), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (file, mutations) => {
      const dir = tempDir('brief-prop-');
      cpSync(MINI, dir, { recursive: true });
      const path = join(dir, file);
      writeFileSync(path, mutations.reduce((t, m) => mutate(t, m), readFileSync(path, 'utf8')));
      try {
        const result = await withTimeout(build(dir, { cache }), 20_000);
        expect(result.pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(result.pdf.subarray(-6).toString()).toContain('%%EOF');
        built++;
      } catch (e) {
        if (!(e instanceof BriefFailure)) throw e; // a crash: fast-check reports the input that caused it
        for (const error of e.errors) {
          expect(error.kind).not.toBe('internal');
          expect(error.where.file, formatError(error)).toBeTruthy();
          expect(formatError(error)).not.toMatch(/\n/);
        }
        failed++;
        for (const error of e.errors) kinds.set(error.kind, (kinds.get(error.kind) ?? 0) + 1);
      }
    }),
    { numRuns: 500, seed: 20261128, endOnFailure: true },
  );
  // What the runs ended in, for the record (npm test prints it).
  console.log(`property test: ${built} built, ${failed} failed: ${[...kinds].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  // Both outcomes, and several kinds of error, must actually occur, or the property tests little.
  expect(built).toBeGreaterThan(25);
  expect(failed).toBeGreaterThan(25);
  expect(kinds.size).toBeGreaterThanOrEqual(4);
}, 600_000);

// A corpus of bad inputs (tests/fixtures/bad-inputs/*.json), each a small edit
// to a copy of the project. Every one must fail with its own catalogue
// message, naming the file and place, exit non-zero, print no stack trace,
// and leave the previous PDF byte-for-byte as it was.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../support/project.ts';
import { runBrief } from '../support/runCli.ts';
import { apply, cases } from '../support/badInputs.ts';
import { tempDir } from '../support/tempDir.ts';

let good: string;
beforeAll(async () => {
  // One good build, copied for every case, so each has a previous PDF to protect.
  good = tempDir('brief-good-');
  for (const d of ['data', 'templates', 'charts']) cpSync(join(ROOT, d), join(good, d), { recursive: true });
  const first = await runBrief('build', '--data', join(good, 'data'), '--out', join(good, 'out', 'brief.pdf'), '--no-cache');
  expect(first.code).toBe(0);
});

describe('bad inputs', () => {
  test('the corpus has at least 25 cases', () => expect(cases.length).toBeGreaterThanOrEqual(25));

  test.each(cases)('%s', async (_, c) => {
    const dir = tempDir('brief-bad-');
    cpSync(good, dir, { recursive: true });
    const pdf = join(dir, 'out', 'brief.pdf');
    const before = readFileSync(pdf);
    apply(dir, c);
    const result = await runBrief('build', '--data', join(dir, 'data'), '--out', pdf, '--no-cache', ...(c.args ?? []));
    expect(result.code, result.stderr).toBe(c.exit ?? 1);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
    expect(result.stderr).not.toContain('internal error');
    if (c.kind) {
      const line = result.stderr.split('\n').find((l) => l.includes(`[${c.kind}]`));
      expect(line, result.stderr).toBeDefined();
      expect(line).toMatch(new RegExp(`^error: ${c.where}`));
      if (c.message) expect(line).toContain(c.message);
    }
    if (c.stderr) expect(result.stderr).toContain(c.stderr);
    if (c.errorLines !== undefined) expect(result.stderr.split('\n').filter((l) => l.startsWith('error:')), result.stderr).toHaveLength(c.errorLines);
    expect(Buffer.compare(readFileSync(pdf), before)).toBe(0);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'out', 'brief.figures.json'))).toBe(true);
  });
});

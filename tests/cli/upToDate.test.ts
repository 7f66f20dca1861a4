// The up-to-date check: a build whose inputs have not changed since the PDF
// was written says so and stops; any change to any input builds again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { inputsKey, type KeyInputs } from '../../src/cli/upToDate.ts';
import { ROOT, copyProject, edit } from '../support/project.ts';
import { runBrief } from '../support/runCli.ts';

describe('the inputs key', () => {
  const dir = copyProject();
  const program = join(mkdtempSync(join(tmpdir(), 'brief-program-')), 'brief.cjs');
  writeFileSync(program, 'program v1');
  const base: KeyInputs = { root: dir, argv: ['build'], sourceDateEpoch: undefined, nodeVersion: 'v20.20.2', programFiles: [program], lockFile: join(ROOT, 'package-lock.json') };
  const key = inputsKey(base);

  test('is the same for the same inputs', () => {
    expect(inputsKey({ ...base })).toBe(key);
  });

  test.each([
    ['a data file', () => edit(dir, 'data/figures.yaml', (t) => t.replace('value: 145000', 'value: 145001'))],
    ['a template', () => edit(dir, 'templates/sections/culture.md.hbs', (t) => t + ' ')],
    ['a chart spec', () => edit(dir, 'charts/chinese-tourists.vl.json', (t) => t + '\n')],
    ['a new file in data/', () => writeFileSync(join(dir, 'data', 'extra.csv'), 'a,b\n')],
  ])('changes with %s', (_, change) => {
    const before = inputsKey(base);
    change();
    expect(inputsKey(base)).not.toBe(before);
  });

  test.each([
    ['the options', { argv: ['build', '--paper', 'letter'] }],
    ['SOURCE_DATE_EPOCH', { sourceDateEpoch: '1600000000' }],
    ['the Node version', { nodeVersion: 'v22.0.0' }],
    ['the dependencies (package-lock.json)', { lockFile: join(ROOT, 'package.json') }],
  ] as [string, Partial<KeyInputs>][])('changes with %s', (_, change) => {
    expect(inputsKey({ ...base, ...change })).not.toBe(inputsKey(base));
  });

  test('changes with the program', () => {
    const before = inputsKey(base);
    writeFileSync(program, 'program v2');
    expect(inputsKey(base)).not.toBe(before);
  });
});

test('brief build skips a build whose inputs are unchanged, and builds again after an edit', () => {
  const dir = copyProject();
  const brief = () => spawnSync(process.execPath, [join(ROOT, 'bin/brief.js'), 'build', '--data', dir], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
  expect(brief().stdout).toMatch(/^wrote out\/brief\.pdf/m);
  const pdf = readFileSync(join(dir, 'out', 'brief.pdf'));
  const again = brief();
  expect(again.status).toBe(0);
  expect(again.stdout).toMatch(/^up to date: out\/brief\.pdf/m);
  expect(Buffer.compare(readFileSync(join(dir, 'out', 'brief.pdf')), pdf)).toBe(0);
  edit(dir, 'data/figures.yaml', (t) => t.replace(/(chinese-tourists-2019:[\s\S]*?value: )145000/, '$1151234'));
  const edited = brief();
  expect(edited.stdout).toMatch(/^figure chinese-tourists-2019: about 145,000/m);
  expect(edited.stdout).toMatch(/^wrote out\/brief\.pdf/m);
});

test('a build without the key (as watch builds) removes the old key, so the next build cannot call a PDF it did not write up to date', async () => {
  const dir = copyProject();
  const pdf = join(dir, 'out', 'brief.pdf');
  mkdirSync(join(dir, 'out'), { recursive: true });
  writeFileSync(`${pdf}.inputs`, 'a key from an earlier build\n');
  expect((await runBrief('build', '--data', dir)).code).toBe(0);
  expect(existsSync(pdf)).toBe(true);
  expect(existsSync(`${pdf}.inputs`)).toBe(false);
});

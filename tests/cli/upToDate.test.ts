// The up-to-date check: a build whose inputs have not changed since the PDF
// was written says so and stops; any change to any input builds again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { inputsKey, inputStats, projectSize, sameStats, type KeyInputs } from '../../src/cli/upToDate.ts';
import { ROOT, copyProject, edit } from '../support/project.ts';
import { runBrief } from '../support/runCli.ts';
import { tempDir } from '../support/tempDir.ts';

describe('the inputs key', () => {
  const dir = copyProject();
  const program = join(tempDir('brief-program-'), 'brief.cjs');
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

describe('the inputs\' stats', () => {
  // Hand-written stats: taken at t = 100 s; each line is path, inode, size, mtime and ctime in nanoseconds.
  const S = 1_000_000_000;
  const stats = (at: number, ...files: [string, number, number, number, number][]) =>
    [`at ${at}`, '[["build"],"","v20.20.2"]', ...files.map((f) => f.join('\t'))].join('\u0001');
  const file = (ctime: number, size = 120): [string, number, number, number, number] => ['/p/data/figures.yaml', 7, size, ctime, ctime];

  test('the same stats, written well before they were taken, stand for the hash', () => {
    expect(sameStats(stats(100 * S, file(99 * S + 123)), stats(101 * S, file(99 * S + 123)))).toBe(true);
  });

  test.each([
    ['no stats kept (a key file from before them)', undefined, stats(101 * S, file(99 * S + 123))],
    ['another size', stats(100 * S, file(99 * S + 123)), stats(101 * S, file(99 * S + 123, 121))],
    ['another change time', stats(100 * S, file(99 * S + 123)), stats(101 * S, file(100 * S + 5))],
    ['a file more', stats(100 * S, file(99 * S + 123)), stats(101 * S, file(99 * S + 123), ['/p/data/new.csv', 8, 4, 99 * S + 7, 99 * S + 7])],
    ['a file written 10 ms before its stats were taken (it could have been written again in the same tick)', stats(100 * S, file(100 * S - 10_000_000)), stats(101 * S, file(100 * S - 10_000_000))],
    ['whole-second times (FAT, HFS+) one second before', stats(100 * S, file(99 * S)), stats(101 * S, file(99 * S))],
    ['a damaged time', stats(100 * S, file(99 * S + 123)).replace('at ', 'at x'), stats(101 * S, file(99 * S + 123))],
  ])('do not, with %s', (_, kept, now) => {
    expect(sameStats(kept, now)).toBe(false);
  });

  test('whole-second times three seconds before they were taken stand', () => {
    expect(sameStats(stats(100 * S, file(97 * S)), stats(101 * S, file(97 * S)))).toBe(true);
  });

  test('a file written again, same size, its modification time set back, has other stats', async () => {
    const dir = copyProject();
    const base: KeyInputs = { root: dir, argv: ['build'], sourceDateEpoch: undefined, nodeVersion: 'v20.20.2', programFiles: [], lockFile: join(ROOT, 'package-lock.json') };
    const figures = join(dir, 'data', 'figures.yaml');
    // A whole second, which utimes sets exactly (a Date holds only milliseconds).
    utimesSync(figures, 1_700_000_000, 1_700_000_000);
    const before = statSync(figures, { bigint: true });
    // The stats without their first line, the time they were taken.
    const files = () => inputStats(base).split('\u0001').slice(1).join('\u0001');
    const first = files();
    expect(files()).toBe(first);
    await new Promise((r) => setTimeout(r, 50));
    edit(dir, 'data/figures.yaml', (t) => t.replace('value: 145000', 'value: 145001'));
    utimesSync(figures, 1_700_000_000, 1_700_000_000);
    const after = statSync(figures, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(files()).not.toBe(first);
  });
});

test('brief build with nothing changed answers from the stats, without node:crypto; a file saved unchanged is hashed, and then its stats are kept', async () => {
  const dir = copyProject();
  // Reports whether node:crypto was loaded, as the process exits.
  const preload = join(tempDir('brief-preload-'), 'crypto.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeSync(2, 'crypto: ' + process.moduleLoadList.includes('NativeModule crypto') + '\\n'));`);
  const brief = () => spawnSync(join(ROOT, 'bin/brief.js'), ['build', '--data', dir], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '', NODE_OPTIONS: `--require ${preload}` } });
  await new Promise((r) => setTimeout(r, 100)); // the copy's files well before the first build looks at them
  expect(brief().stdout).toMatch(/^wrote out\/brief\.pdf/m);
  const same = brief();
  expect(same.stdout).toMatch(/^up to date: out\/brief\.pdf/m);
  expect(same.stderr).toMatch(/^crypto: false$/m);
  const figures = join(dir, 'data', 'figures.yaml');
  const now = new Date();
  utimesSync(figures, now, now);
  const touched = brief();
  expect(touched.stdout).toMatch(/^up to date: out\/brief\.pdf/m);
  expect(touched.stderr).toMatch(/^crypto: true$/m);
  await new Promise((r) => setTimeout(r, 100));
  const again = brief();
  expect(again.stdout).toMatch(/^up to date/m);
  expect(again.stderr).toMatch(/^crypto: false$/m);
  // The same size, the modification time set back: the change time gives it away.
  utimesSync(figures, 1_700_000_000, 1_700_000_000);
  await new Promise((r) => setTimeout(r, 100));
  expect(brief().stdout).toMatch(/^up to date/m); // the time set is saved as an unchanged file is
  const before = statSync(figures, { bigint: true });
  edit(dir, 'data/figures.yaml', (t) => t.replace(/(chinese-tourists-2019:[\s\S]*?value: )145000/, '$1145001'));
  utimesSync(figures, 1_700_000_000, 1_700_000_000);
  const after = statSync(figures, { bigint: true });
  expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
  const edited = brief();
  expect(edited.stdout).toMatch(/^figure chinese-tourists-2019: about 145,000/m);
  expect(edited.stdout).toMatch(/^wrote out\/brief\.pdf/m);
});

test('the project\'s size, for telling an edit build of a small brief: its data, templates and charts only', () => {
  const stats = [
    'at 1', '[["build"],"","v20"]',
    '/p/data/figures.yaml\t11\t100\t1\t1',
    '/p/templates/sections/intro.md.hbs\t12\t50\t1\t1',
    '/p/charts/tourists.vl.json\t13\t25\t1\t1',
    '/p/charts/gone.vl.json\tmissing',
    // Beside them, not in them: a folder whose name starts the same, the program, the lock file.
    '/p/data-old/figures.yaml\t14\t7000\t1\t1',
    '/x/dist/brief.cjs\t15\t13000\t1\t1',
    '/x/package-lock.json\t16\t300000\t1\t1',
  ].join('\u0001');
  expect(projectSize(stats, '/p')).toBe(175);
});

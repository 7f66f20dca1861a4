// Every shortcut a build can take (the up-to-date check, the notes, chart and
// shaped-word caches in out/.cache) gives the bytes of a clean `--no-cache`
// build of the same inputs, through a series of edits and back to the start.
// (Watch rebuilds are compared the same way in cli.test.ts.)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, copyProject, edit } from '../support/project.ts';

const dir = copyProject();
const original = Object.fromEntries(['data/figures.yaml', 'data/notes.yaml', 'templates/sections/introduction.md.hbs', 'charts/chinese-tourists.vl.json']
  .map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

function brief(...args: string[]): string {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/brief.js'), 'build', '--data', join(dir, 'data'), ...args], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
  if (run.status !== 0) throw new Error(`brief build ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return run.stdout;
}

/** Builds with every cache, again (nothing changed), and clean; returns the bytes after checking they agree. */
function buildAllWays(): Buffer {
  const out = join(dir, 'out', 'brief.pdf');
  expect(brief()).toMatch(/^wrote /m);
  const cached = readFileSync(out);
  expect(brief()).toMatch(/^up to date: /m);
  expect(Buffer.compare(readFileSync(out), cached)).toBe(0);
  brief('--no-cache', '--out', join(dir, 'clean', 'brief.pdf'));
  expect(Buffer.compare(cached, readFileSync(join(dir, 'clean', 'brief.pdf')))).toBe(0);
  return cached;
}

// One step per test (they run in order and share the project): each stays far
// within the timeout on a busy machine.
describe('a series of edits: each cached build equals a clean build, and undoing them gives the first bytes again', () => {
  let first: Buffer;
  test('the project as it is', () => {
    first = buildAllWays();
  });

  test('a figure: new words to shape, a chart to draw again, a changed report', () => {
    edit(dir, 'data/figures.yaml', (t) => t.replace(/(chinese-tourists-2019:[\s\S]*?value: )145000/, '$1151234'));
    expect(Buffer.compare(buildAllWays(), first)).not.toBe(0);
  });

  test('a note’s text and a sentence of prose: notes generated again, paragraphs set again', () => {
    edit(dir, 'data/notes.yaml', (t) => t.replace("text: 'The Western Balkans includes", "text: 'In 2020, the Western Balkans included"));
    edit(dir, 'templates/sections/introduction.md.hbs', (t) => t.replace('plays an important role with regard to Europe', 'plays a central role with regard to Europe'));
    buildAllWays();
  });

  test('a chart’s spec', () => {
    edit(dir, 'charts/chinese-tourists.vl.json', (t) => t.replace('"height": { "step": 24 }', '"height": { "step": 28 }'));
    buildAllWays();
  });

  test('back to the start: the caches now hold more than this build needs, and it must not show', () => {
    for (const [file, text] of Object.entries(original)) writeFileSync(join(dir, file), text);
    expect(Buffer.compare(buildAllWays(), first)).toBe(0);
  });
});

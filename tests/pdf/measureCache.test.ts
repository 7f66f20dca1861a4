// Measured paragraphs kept between builds: a paragraph is measured again when
// anything it depends on changes, and a kept one gives the same PDF.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { renderPdf } from '../../src/pdf/writePdf.ts';
import { installHooks } from '../../src/pdf/pdfmake/install.ts';
import { internals } from '../../src/pdf/pdfmake/internals.ts';
import { MEASURED_PROPERTIES } from '../../src/layout/measuredLeaves.ts';
import { SANS, SERIF } from '../../src/layout/fonts.ts';
import { loadProject } from '../../src/load/loadProject.ts';
import { buildProject } from '../../src/pipeline.ts';
import { memoryCache } from '../support/memoryCache.ts';
import { ROOT } from '../support/project.ts';
import { joinText, readPdf } from '../support/readPdf.ts';
import { tempDir } from '../support/tempDir.ts';

const date = new Date(Date.UTC(2020, 0, 1));
type Style = Record<string, unknown>;
const doc = (paragraphs: unknown[], defaultStyle: Style = { font: SERIF, fontSize: 10 }, styles: Record<string, Style> = {}) =>
  ({ info: { creationDate: date, modDate: date }, content: paragraphs, defaultStyle, styles }) as never;

const PARAGRAPHS = [
  { text: ['Trade with China grew ', { text: 'fifteenfold', italics: true }, ' in a decade.'], alignment: 'justify' },
  { stack: [{ text: 'Key findings', style: 'title' }], fontSize: 12 },
  { text: 'Serbia hosts 146,000 tourists.', font: SANS },
];

// Every paragraph pdfmake measures from scratch, by its first run's text.
let measured: string[] = [];
beforeAll(() => {
  installHooks();
  const TextInlines = internals.TextInlines().prototype;
  const buildInlines = TextInlines.buildInlines;
  TextInlines.buildInlines = function (this: unknown, text: unknown, ...rest: unknown[]) {
    const first = Array.isArray(text) ? text[0] : text;
    measured.push(typeof first === 'string' ? first : String((first as { text: unknown }).text));
    return buildInlines.call(this, text, ...rest);
  };
});

/** A build in a process that builds again (watch), with a cache. */
const render = async (definition: never, cache = memoryCache()) => {
  measured = [];
  const { bytes } = await renderPdf(definition, cache, true);
  return { bytes, measured: [...measured] };
};

test('a second build measures nothing again, and gives the same bytes', async () => {
  const cache = memoryCache();
  const first = await render(doc(PARAGRAPHS), cache);
  expect(first.measured).toEqual(expect.arrayContaining(['Trade with China grew ', 'Key findings', 'Serbia hosts 146,000 tourists.']));
  const second = await render(doc(PARAGRAPHS), cache);
  expect(second.measured).toEqual([]);
  expect(Buffer.compare(first.bytes, second.bytes)).toBe(0);
});

test('a single build without a cache keeps nothing: pdfmake measures as it would', async () => {
  const single = async () => {
    measured = [];
    await renderPdf(doc(PARAGRAPHS));
    return [...measured];
  };
  await single();
  expect(await single()).toEqual(expect.arrayContaining(['Trade with China grew ', 'Key findings', 'Serbia hosts 146,000 tourists.']));
});

test('what the cache keeps gives the same bytes once the process has forgotten it', async () => {
  const cache = memoryCache();
  const first = await render(doc(PARAGRAPHS), cache);
  // Two builds of another document (other styles, so kept apart): this process has forgotten the paragraphs; the cache has not.
  await render(doc([{ text: 'Other.' }], { font: SANS, fontSize: 9 }), cache);
  await render(doc([{ text: 'Other.' }], { font: SANS, fontSize: 9 }), cache);
  const again = await render(doc(PARAGRAPHS), cache);
  expect(again.measured).toEqual([]);
  expect(Buffer.compare(first.bytes, again.bytes)).toBe(0);
});

test('an edit writes its new paragraphs to the small entry, and a later build finds them there', async () => {
  const cache = memoryCache();
  await render(doc(PARAGRAPHS), cache);
  const edited = doc([{ ...PARAGRAPHS[0], text: 'Trade with China grew again.' }, ...PARAGRAPHS.slice(1)]);
  cache.writes.length = 0;
  const first = await render(edited, cache);
  expect(cache.writes.filter((ns) => ns.startsWith('measured'))).toEqual(['measured-added']);
  await render(doc([{ text: 'Other.' }], { font: SANS, fontSize: 9 }), cache);
  await render(doc([{ text: 'Other.' }], { font: SANS, fontSize: 9 }), cache);
  const again = await render(edited, cache);
  expect(again.measured).toEqual([]);
  expect(Buffer.compare(first.bytes, again.bytes)).toBe(0);
});

test.each([
  ['its text', [{ ...PARAGRAPHS[0], text: ['Trade with China grew ', { text: 'tenfold', italics: true }, ' in a decade.'] }, ...PARAGRAPHS.slice(1)], undefined, undefined, 'Trade with China grew '],
  ['a run\'s style', [{ ...PARAGRAPHS[0], text: ['Trade with China grew ', { text: 'fifteenfold', bold: true }, ' in a decade.'] }, ...PARAGRAPHS.slice(1)], undefined, undefined, 'Trade with China grew '],
  ['a style it inherits from its container', [PARAGRAPHS[0], { ...PARAGRAPHS[1], fontSize: 13 }, PARAGRAPHS[2]], undefined, undefined, 'Key findings'],
  ['a named style', PARAGRAPHS, undefined, { title: { bold: true } }, 'Key findings'],
  ['the default style', PARAGRAPHS, { font: SERIF, fontSize: 10.5 }, undefined, 'Trade with China grew '],
])('a change to %s measures the paragraph again', async (_what, paragraphs, defaultStyle, styles, again) => {
  const cache = memoryCache();
  await render(doc(PARAGRAPHS), cache);
  const changed = await render(doc(paragraphs as unknown[], defaultStyle as Style | undefined, styles as Record<string, Style> | undefined), cache);
  expect(changed.measured).toContain(again);
  // And its PDF is the one a build with nothing kept gives.
  const fresh = await render(doc(paragraphs as unknown[], defaultStyle as Style | undefined, styles as Record<string, Style> | undefined), memoryCache());
  expect(Buffer.compare(changed.bytes, fresh.bytes)).toBe(0);
});

test('measuring the paper looks up no style property the key leaves out', async () => {
  const StyleContextStack = internals.StyleContextStack();
  const DM = internals.DocMeasure().prototype;
  const read = new Set<string>();
  let inLeaf = 0;
  const { getStyleProperty } = StyleContextStack;
  const { getProperty } = StyleContextStack.prototype;
  const { measureLeaf } = DM;
  StyleContextStack.getStyleProperty = function (item: unknown, stack: unknown, property: string, fallback: unknown) {
    if (inLeaf) read.add(property);
    return getStyleProperty.call(this, item, stack, property, fallback);
  };
  StyleContextStack.prototype.getProperty = function (property: string) {
    if (inLeaf) read.add(property);
    return getProperty.call(this, property);
  };
  // Below the cache's hook: every paragraph measured, none taken from the cache.
  const inner = internals.TextInlines().prototype;
  const { buildInlines } = inner;
  inner.buildInlines = function (...args: unknown[]) {
    inLeaf++;
    try {
      return buildInlines.apply(this, args);
    } finally {
      inLeaf--;
    }
  };
  try {
    await buildProject(loadProject(ROOT));
  } finally {
    Object.assign(StyleContextStack, { getStyleProperty });
    Object.assign(StyleContextStack.prototype, { getProperty });
    Object.assign(inner, { buildInlines });
    Object.assign(DM, { measureLeaf });
  }
  expect(read.size).toBeGreaterThan(10);
  expect([...read].filter((p) => !(MEASURED_PROPERTIES as readonly string[]).includes(p))).toEqual([]);
});

test('a new process takes kept paragraphs from both entries in out/.cache: a word changed there by hand is what it prints', async () => {
  const dir = join(tempDir('brief-measured-'), 'brief');
  // Each build another date: the PDF is never up to date, the paragraphs are as they were.
  let date = 1700000000;
  const brief = (...args: string[]) => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/brief.js'), ...args], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: String(date++) } });
    expect(run.status, run.stderr).toBe(0);
  };
  const printed = async () => joinText((await readPdf(readFileSync(join(dir, 'out', 'brief.pdf')))).items);
  /** Changes the first word an entry holds that matches `first`. */
  const tamper = (namespace: string, first: RegExp, by: string) => {
    const folder = join(dir, 'out', '.cache', namespace);
    const [file] = readdirSync(folder);
    const store = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    const word = Object.values(store.leaves as Record<string, { words: unknown[][] }>).flatMap((l) => l.words).find((w) => first.test(String(w[1])));
    expect(word, `${namespace}: no word ${first}`).toBeDefined();
    word![1] = by;
    writeFileSync(join(folder, file), JSON.stringify(store));
  };
  brief('init', dir);
  brief('build', '--data', dir);
  tamper('measured', /^look $/, 'Tampered '); // "The out-look section": hyphenation splits words
  // An edit: its paragraph goes to the small entry.
  const section = join(dir, 'templates', 'sections', 'background.md.hbs');
  writeFileSync(section, readFileSync(section, 'utf8').replace('A second paragraph of sample text', 'A second paragraph of new text'));
  brief('build', '--data', dir);
  expect(await printed()).toContain('Tampered');
  tamper('measured-added', /^new $/, 'Retouched ');
  brief('build', '--data', dir);
  expect(await printed()).toContain('of Retouched'); // drawn at the width kept for "new "
  expect(await printed()).toContain('Tampered');
});

// Lines drawn again from the operators they wrote before: only while the
// fonts, glyph ids and opacity states they name are the ones drawing would
// name now, and always to the bytes of a render that draws every line.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { renderPdf } from '../../src/pdf/writePdf.ts';
import { installHooks } from '../../src/pdf/pdfmake/install.ts';
import { internals } from '../../src/pdf/pdfmake/internals.ts';
import { SERIF } from '../../src/layout/fonts.ts';
import { memoryCache, type CountingCache } from '../support/memoryCache.ts';
import { joinText, readPdf } from '../support/readPdf.ts';

// pdfkit writes each text object through _fragment: a line drawn from its tape writes none.
const PD = internals.PDFDocument().prototype;
let fragments = 0;
let fragment: (...args: unknown[]) => unknown;
beforeAll(() => {
  installHooks();
  fragment = PD._fragment;
  PD._fragment = function (this: unknown, ...args: unknown[]) {
    fragments++;
    return fragment.apply(this, args);
  };
});
afterAll(() => {
  PD._fragment = fragment;
});

const date = new Date(Date.UTC(2020, 0, 1)); // else each render would date itself

/**
 * What comes first, then the line a test is about, at a fixed place, and a
 * note's way back to it (a named destination): what comes first opens fonts,
 * glyphs and states, and the line keeps its key. A new definition for each
 * render, as a build makes: pdfmake writes into the one it renders.
 */
const brief = (before: object[]) => (): never => ({
  info: { creationDate: date, modDate: date },
  content: [
    ...before.map((b) => ({ ...b, absolutePosition: { x: 60, y: 600 } })),
    { text: 'Trade grew fast, by a third.', absolutePosition: { x: 60, y: 100 } },
    { text: 'Where the note comes back.', id: 'ref-1', absolutePosition: { x: 60, y: 140 } },
  ],
  defaultStyle: { font: SERIF },
}) as never;

const plainBrief = brief([{ text: 'Trade.' }]);

/** The same entries as a new Cache, as the next process finds them on disk (a process reads a digest's tapes once). */
const reopened = (cache: CountingCache): CountingCache => {
  const next = memoryCache();
  for (const [k, v] of cache.entries) next.entries.set(k, v);
  return next;
};
const clean = async (definition: () => never) => (await renderPdf(definition())).bytes;
const same = (a: Buffer, b: Buffer) => Buffer.compare(a, b) === 0;
const drawn = async (run: () => Promise<Buffer>) => {
  const before = fragments;
  const bytes = await run();
  return { bytes, fragments: fragments - before };
};

test('lines drawn from their tapes, from disk or from the last build, give the bytes of a render that draws them', async () => {
  const reference = await drawn(() => clean(plainBrief));
  expect(reference.fragments).toBe(3);

  const cache = memoryCache();
  await renderPdf(plainBrief(), cache);
  expect(cache.writes).toContain('line-tapes');
  const fromDisk = await drawn(async () => (await renderPdf(plainBrief(), reopened(cache))).bytes);
  expect(fromDisk.fragments).toBe(0);
  expect(same(fromDisk.bytes, reference.bytes)).toBe(true);

  await renderPdf(plainBrief(), undefined, true);
  const fromLastBuild = await drawn(async () => (await renderPdf(plainBrief(), undefined, true)).bytes);
  expect(fromLastBuild.fragments).toBe(0);
  expect(same(fromLastBuild.bytes, reference.bytes)).toBe(true);

  const pdf = await readPdf(fromDisk.bytes);
  expect(joinText(pdf.items)).toContain('Trade grew fast, by a third.');
  // The line that is a link's target is one still.
  expect(fromDisk.bytes.toString('latin1')).toMatch(/\/Dests[\s\S]*\(ref-1\)/);
});

// Each variant differs from the brief recorded in what comes first only: the lines' tapes are found, and a check fails.
const variants: [string, () => never, () => never][] = [
  // An x where "Trade." had an e: the e the lines name has no id yet, and its id is the x's.
  ['a glyph they name has another id', plainBrief, brief([{ text: 'Tradx.' }])],
  // One glyph fewer first: those the lines added (g, w, f…) would get ids one lower.
  ['the glyphs they added would get other ids', brief([{ text: 'Trade.!' }]), plainBrief],
  // The bold face first: it is F1 now, and the lines' face F2.
  ['their font has another name', plainBrief, brief([{ text: 'Trade.', bold: true }])],
  // Another opacity first: opaque text gets the second state's name.
  ['their opacity state has another name', plainBrief, brief([{ text: 'Trade.', opacity: 0.3 }])],
];

for (const [what, recorded, variant] of variants) {
  test(`a tape is not drawn from when ${what}: the line is drawn, to a clean render's bytes`, async () => {
    const cache = memoryCache();
    await renderPdf(recorded(), cache);
    const bytes = await drawn(async () => (await renderPdf(variant(), reopened(cache))).bytes);
    // What comes first (one text object) is new, and both lines are drawn again.
    expect(bytes.fragments).toBe(3);
    expect(same(bytes.bytes, await clean(variant))).toBe(true);
  });
}

test('a damaged tape is drawn again, to a clean render\'s bytes', async () => {
  const cache = memoryCache();
  await renderPdf(plainBrief(), cache);
  const key = [...cache.entries.keys()].find((k) => k.startsWith('line-tapes '))!;
  const stored = cache.entries.get(key) as Record<string, Record<string, unknown>>;
  const [first] = Object.keys(stored);
  const damages: unknown[] = [
    42,
    { ...stored[first], glyphs: { F1: { kept: [1], added: [] } } },
    { ...stored[first], ops: [['pageFont', 'F9'], 'BT'] },
    { ...stored[first], fonts: { F1: 'Helvetica' } },
  ];
  for (const damage of damages) {
    cache.entries.set(key, { ...stored, [first]: damage });
    const bytes = await drawn(async () => (await renderPdf(plainBrief(), reopened(cache))).bytes);
    expect(bytes.fragments).toBe(1);
    expect(same(bytes.bytes, await clean(plainBrief))).toBe(true);
  }
});

test('a line with a link is drawn every time', async () => {
  const linked = (): never => ({
    info: { creationDate: date, modDate: date },
    content: [{ text: [{ text: 'Read the ' }, { text: 'report', link: 'https://example.org/report' }] }],
    defaultStyle: { font: SERIF },
  }) as never;
  const cache = memoryCache();
  await renderPdf(linked(), cache, true);
  const again = await drawn(async () => (await renderPdf(linked(), cache, true)).bytes);
  expect(again.fragments).toBe(2);
  expect(same(again.bytes, await clean(linked))).toBe(true);
});

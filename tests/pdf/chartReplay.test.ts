// A chart drawn again from the operators it wrote before: only while the fonts,
// glyphs and opacity states they name are the ones a drawing would name now,
// and always to the bytes of a render that draws every chart.
import { createRequire } from 'node:module';
import { beforeAll, afterAll, expect, test } from 'vitest';
import { renderPdf } from '../../src/pdf/writePdf.ts';
import { installHooks } from '../../src/pdf/pdfmake/install.ts';
import { SANS, SERIF } from '../../src/layout/fonts.ts';
import { memoryCache } from '../support/memoryCache.ts';
import { joinText, readPdf } from '../support/readPdf.ts';

const require = createRequire(import.meta.url);
// pdfmake's renderer calls svg-to-pdfkit through this module's `default`, read at each call.
const svgToPdfkit = require('pdfmake/js/3rd-party/svg-to-pdfkit.js') as { default: (...args: unknown[]) => unknown };
const draw = svgToPdfkit.default;
let drawn = 0;
beforeAll(() => {
  installHooks();
  svgToPdfkit.default = (...args: unknown[]) => {
    drawn++;
    return draw(...args);
  };
});
afterAll(() => {
  svgToPdfkit.default = draw;
});

const date = new Date(Date.UTC(2020, 0, 1)); // else each render would date itself

// A bar at half opacity and a label in the sans face, as vega draws them.
const chart = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40">
  <rect x="0" y="0" width="100" height="20" fill="#335577" fill-opacity="0.5"/>
  <text x="2" y="35" font-family="${SANS}" font-size="10">Tourists 2019</text></svg>`;

/**
 * Text before a chart at a fixed place: what the text opens and uses comes
 * first, and the chart's key stays the same. A new definition for each render,
 * as a build makes: pdfmake writes into the one it renders.
 */
const brief = (before: object[]) => (): never => ({
    info: { creationDate: date, modDate: date },
    content: [...before, { svg: chart, width: 160, absolutePosition: { x: 60, y: 300 } }],
    defaultStyle: { font: SERIF },
  }) as never;

const serifOnly = brief([{ text: 'Trade grew.' }]);
const clean = async (definition: () => never) => (await renderPdf(definition())).bytes;
const same = (a: Buffer, b: Buffer) => Buffer.compare(a, b) === 0;

test('a chart drawn from its tape, from disk or from the last build, gives the bytes of a render that draws it', async () => {
  const cache = memoryCache();
  await renderPdf(serifOnly(), cache);
  expect(cache.writes).toContain('chart-tape');
  const before = drawn;
  const fromDisk = (await renderPdf(serifOnly(), cache)).bytes;
  expect(drawn).toBe(before);
  const inProcess = memoryCache();
  await renderPdf(serifOnly(), undefined, true);
  const kept = drawn;
  const fromLastBuild = (await renderPdf(serifOnly(), inProcess, true)).bytes;
  expect(drawn).toBe(kept);
  const reference = await clean(serifOnly);
  expect(drawn).toBe(kept + 1);
  expect(same(fromDisk, reference)).toBe(true);
  expect(same(fromLastBuild, reference)).toBe(true);
  const pdf = await readPdf(fromDisk);
  expect(joinText(pdf.items)).toContain('Tourists 2019');
});

// The recorded brief has serif text, then a word in the label's face. Each variant
// differs from it in one thing only, so the chart's tape is found and one step's check fails.
const recorded = brief([{ text: 'Trade grew.' }, { text: 'x', font: SANS }]);
const variants: [string, () => never][] = [
  // Other glyphs of the label's face before the chart: the label's glyphs get other ids.
  ['its glyphs have other ids in the subset', brief([{ text: 'Trade grew.' }, { text: 'Zebu quay', font: SANS }])],
  // Another font opened first: the label's font has another name (F3, not F2).
  ['its font has another name', brief([{ text: 'Trade grew.' }, { text: 'Trade', bold: true }, { text: 'x', font: SANS }])],
  // Another opacity first: the bar's state has another name.
  ['its opacity state has another name', brief([{ text: 'Trade grew.' }, { text: 'x', font: SANS }, { text: 'Trade', opacity: 0.3 }])],
];

for (const [what, variant] of variants) {
  test(`a tape is not drawn from when ${what}: the chart is drawn, to a clean render's bytes`, async () => {
    const cache = memoryCache();
    await renderPdf(recorded(), cache);
    // The variant's own first render (no tape for it matches), then its second, from its own tape.
    for (const k of cache.entries.keys()) if (!k.startsWith('chart-tape ')) cache.entries.delete(k);
    const before = drawn;
    const bytes = (await renderPdf(variant(), cache)).bytes;
    expect(drawn).toBe(before + 1);
    expect(same(bytes, await clean(variant))).toBe(true);
  });
}

test('a chart first on its page is recorded without changing its page: the same bytes as a render that does not record', async () => {
  // The bar's opacity state comes before the label's font, so the page's resources list them in that order.
  const alone = brief([]);
  const recordedBytes = (await renderPdf(alone(), memoryCache())).bytes;
  expect(same(recordedBytes, await clean(alone))).toBe(true);
});

test('the recorded state that still holds is drawn from: the same fonts and glyphs before the chart', async () => {
  const cache = memoryCache();
  await renderPdf(recorded(), cache);
  const before = drawn;
  const bytes = (await renderPdf(recorded(), cache)).bytes;
  expect(drawn).toBe(before);
  expect(same(bytes, await clean(recorded))).toBe(true);
});

test('a damaged tape is drawn again, to a clean render\'s bytes, and opens no file but the document\'s fonts', async () => {
  const fs = require('node:fs');
  const readFileSync = fs.readFileSync;
  const read: unknown[] = [];
  fs.readFileSync = function (this: unknown, path: unknown, ...rest: unknown[]) {
    read.push(path);
    return readFileSync.call(this, path, ...rest);
  };
  try {
    await damagedTapes();
  } finally {
    fs.readFileSync = readFileSync;
  }
  expect(read).not.toContain('/etc/passwd');
});

async function damagedTapes(): Promise<void> {
  const cache = memoryCache();
  await renderPdf(serifOnly(), cache);
  const tapes = [...cache.entries.keys()].filter((k) => k.startsWith('chart-tape '));
  expect(tapes.length).toBe(1);
  for (const damage of [42, { steps: [['font', '/etc/passwd', 'F9']], fonts: {}, content: 'q' }, { steps: [['font', 42, 'F1']], fonts: {}, content: '' }, { steps: [['paint']], fonts: {}, content: '' }]) {
    cache.entries.set(tapes[0], damage);
    const before = drawn;
    const bytes = (await renderPdf(serifOnly(), cache)).bytes;
    expect(drawn).toBe(before + 1);
    expect(same(bytes, await clean(serifOnly))).toBe(true);
  }
}

test('a chart whose drawing makes objects a tape does not hold (a gradient) is drawn every time', async () => {
  const gradient = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#335577"/></linearGradient></defs><rect width="100" height="20" fill="url(#g)"/></svg>`;
  const definition = () => ({ info: { creationDate: date, modDate: date }, content: [{ svg: gradient, width: 160 }], defaultStyle: { font: SERIF } }) as never;
  const cache = memoryCache();
  await renderPdf(definition(), cache);
  expect(cache.writes).not.toContain('chart-tape');
  const before = drawn;
  const bytes = (await renderPdf(definition(), cache)).bytes;
  expect(drawn).toBe(before + 1);
  expect(same(bytes, await clean(definition))).toBe(true);
});

// What one render leaves for the next in a process (`brief watch`), and for the
// next process (out/.cache): fonts' decoded tables, compressed streams, chart
// sizes. Each may make a rebuild faster, never different.
import { createRequire } from 'node:module';
import { beforeAll, expect, test } from 'vitest';
import { renderPdf } from '../../src/pdf/writePdf.ts';
import { beginRender, endRender, installHooks } from '../../src/pdf/pdfmake/install.ts';
import { internals } from '../../src/pdf/pdfmake/internals.ts';
import { streamMemo } from '../../src/pdf/streamMemo.ts';
import { SANS, SERIF, fontFiles, openFont } from '../../src/layout/fonts.ts';
import { memoryCache } from '../support/memoryCache.ts';
import { joinText, readPdf } from '../support/readPdf.ts';

const require = createRequire(import.meta.url);
const zlib = require('node:zlib');

// A chart's label opens its font through svg-to-pdfkit, not pdfmake's text.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><text x="2" y="20" font-family="${SANS}" font-size="10">Tourists 2019</text></svg>`;
const date = new Date(Date.UTC(2020, 0, 1)); // else each render would date itself
const definition = {
  info: { creationDate: date, modDate: date },
  content: [{ text: 'Trade grew in every year.', font: SERIF }, { svg, width: 120 }],
  defaultStyle: { font: SERIF },
} as never;

// Every fresh deflate this process makes, below the hook (installed after this spy).
let deflated = 0;
beforeAll(() => {
  const deflateSync = zlib.deflateSync;
  zlib.deflateSync = (...args: unknown[]) => {
    deflated++;
    return deflateSync(...args);
  };
  installHooks();
});

test('every document\'s fonts share their file\'s decoded tables, a chart label\'s font too', async () => {
  const PD = internals.PDFDocument().prototype;
  const hooked = PD.font;
  const seen: { file: unknown; font: { _tables: unknown } }[] = [];
  PD.font = function (this: { _font: { font: { _tables: unknown } } }, src: unknown, ...rest: unknown[]) {
    const result = hooked.call(this, src, ...rest);
    seen.push({ file: src, font: this._font.font });
    return result;
  };
  try {
    await renderPdf(definition);
    await renderPdf(definition);
  } finally {
    PD.font = hooked;
  }
  const files = fontFiles();
  const opened = seen.filter((s) => s.file === files[SERIF].normal || s.file === files[SANS].normal);
  // Two documents, each opening the text font and the label font.
  expect(opened.filter((s) => s.file === files[SANS].normal).length).toBeGreaterThanOrEqual(2);
  expect(opened.filter((s) => s.file === files[SERIF].normal).length).toBeGreaterThanOrEqual(2);
  for (const s of opened) expect(s.font._tables).toBe((openFont(s.file as string) as unknown as { _tables: unknown })._tables);
});

test('a document\'s text does not depend on what the process rendered before it', async () => {
  // Source Serif 4 draws "-" and U+2010 with one glyph; fontkit keeps a glyph
  // with the code point that first reached it, and pdfkit maps text back from it.
  const only = (text: string) => ({ info: { creationDate: date, modDate: date }, content: [{ text }], defaultStyle: { font: SERIF } }) as never;
  await renderPdf(only('pre\u2010war'));
  const after = await readPdf((await renderPdf(only('post-war'))).bytes);
  expect(joinText(after.items)).toBe('post-war');
  // Nor on the shaped words kept in the cache: here "post-war" is shaped after U+2010 reached the glyph.
  const cache = memoryCache();
  await renderPdf(only('pre\u2010war post-war'), cache);
  const kept = await readPdf((await renderPdf(only('post-war'), cache)).bytes);
  expect(joinText(kept.items)).toBe('post-war');
});

test('in a process that builds again, a second render of the same document compresses no stream again, and gives the same bytes', async () => {
  const first = await renderPdf(definition, undefined, true);
  const before = deflated;
  const second = await renderPdf(definition, undefined, true);
  expect(deflated).toBe(before);
  expect(Buffer.compare(first.bytes, second.bytes)).toBe(0);
  // A changed document compresses what changed.
  await renderPdf({ info: { creationDate: date, modDate: date }, content: [{ text: 'Trade fell.' }], defaultStyle: { font: SERIF } } as never, undefined, true);
  expect(deflated).toBeGreaterThan(before);
});

test('a single build keeps no stream for a next one', async () => {
  await renderPdf(definition);
  const before = deflated;
  await renderPdf(definition);
  expect(deflated).toBeGreaterThan(before);
});

test('the stream memo compresses each distinct input once and keeps one build back', () => {
  const inputs: string[] = [];
  const memo = streamMemo((input) => {
    inputs.push(Buffer.from(input).toString());
    return Buffer.from(`z:${Buffer.from(input).toString()}`);
  });
  const a = Buffer.from('BT /F1 10 Tf ET');
  const b = Buffer.from('BT /F2 10 Tf ET'); // as long as a
  expect(memo.compress(a).toString()).toBe('z:BT /F1 10 Tf ET');
  expect(memo.compress(b).toString()).toBe('z:BT /F2 10 Tf ET');
  expect(memo.compress(Buffer.from(a)).toString()).toBe('z:BT /F1 10 Tf ET');
  memo.endBuild(); // build 1 used a and b
  expect(memo.compress(a).toString()).toBe('z:BT /F1 10 Tf ET');
  memo.endBuild(); // build 2 used a only: b is forgotten
  memo.compress(b);
  expect(inputs).toEqual(['BT /F1 10 Tf ET', 'BT /F2 10 Tf ET', 'BT /F2 10 Tf ET']);
});

test('a chart\'s size is read from the cache when this process has not measured it', () => {
  const SVGMeasure = internals.SVGMeasure();
  const chart = '<svg xmlns="http://www.w3.org/2000/svg" width="240pt" height="150"><rect width="1" height="1"/></svg>';
  const cache = memoryCache();
  beginRender(cache, true);
  try {
    expect(new SVGMeasure().measureSVG(chart)).toEqual({ width: 240, height: 150 });
    const resized = new SVGMeasure().writeDimensions(chart, { width: 120, height: 75 });
    expect(resized).toContain('width="120"');
    expect(resized).toContain('viewBox="0 0 240 150"');
  } finally {
    endRender(false);
  }
  expect(cache.writes).toEqual(['svg-size', 'svg-resized']);
  // Two builds that measured nothing: the process has forgotten the chart.
  beginRender(undefined, true);
  endRender(false);
  // A stored size, written by hand, is taken as it is: the SVG is not parsed again.
  cache.write('svg-size', chart, { width: 7, height: 9 });
  beginRender(cache, true);
  try {
    expect(new SVGMeasure().measureSVG(chart)).toEqual({ width: 7, height: 9 });
    // A damaged entry is measured again.
    cache.write('svg-resized', `120 75\n${chart}`, { not: 'an svg' });
    expect(new SVGMeasure().writeDimensions(chart, { width: 120, height: 75 })).toContain('width="120"');
  } finally {
    endRender(false);
  }
});

test('a font\'s subset is encoded once per glyph list: from the cache the same bytes, a new glyph encodes it again', async () => {
  const files = fontFiles();
  const TTFSubset = Object.getPrototypeOf(openFont(files[SERIF].normal).createSubset());
  const encode = TTFSubset.encode;
  let encoded = 0;
  TTFSubset.encode = function (this: unknown) {
    encoded++;
    return encode.call(this);
  };
  const only = (text: string) => ({ info: { creationDate: date, modDate: date }, content: [{ text }], defaultStyle: { font: SERIF } }) as never;
  try {
    const cache = memoryCache();
    const first = await renderPdf(only('Trade grew.'), cache);
    expect(encoded).toBe(1);
    expect(cache.writes).toContain('font-subset');
    const second = await renderPdf(only('Trade grew.'), cache);
    expect(encoded).toBe(1);
    expect(Buffer.compare(first.bytes, second.bytes)).toBe(0);
    // The same letters in another order are another glyph list.
    await renderPdf(only('grew Trade.'), cache);
    expect(encoded).toBe(2);
    // A damaged entry is encoded again, and gives a clean build's bytes.
    for (const key of cache.entries.keys()) if (key.startsWith('font-subset ')) cache.entries.set(key, 42);
    const repaired = await renderPdf(only('Trade grew.'), cache);
    expect(encoded).toBe(3);
    expect(Buffer.compare(repaired.bytes, (await renderPdf(only('Trade grew.'))).bytes)).toBe(0);
  } finally {
    TTFSubset.encode = encode;
  }
});

test('a table a document\'s font decoded as it opened joins the shared tables, and is not decoded again to embed the font', async () => {
  const files = fontFiles();
  // A face no other test here renders: the process's shared tables have not decoded its name yet.
  const TTFFont = Object.getPrototypeOf(openFont(files[SERIF].bolditalics));
  const decodeTable = TTFFont._decodeTable;
  const decoded: string[] = [];
  TTFFont._decodeTable = function (this: unknown, table: { tag: string }) {
    decoded.push(table.tag);
    return decodeTable.call(this, table);
  };
  try {
    await renderPdf({ info: { creationDate: date, modDate: date }, content: [{ text: 'Trade grew.', bold: true, italics: true }], defaultStyle: { font: SERIF } } as never);
  } finally {
    TTFFont._decodeTable = decodeTable;
  }
  // pdfkit reads the name as it opens the font (the PostScript name) and again as it embeds it.
  expect(decoded.filter((tag) => tag === 'name')).toEqual(['name']);
});

test('a font file is read once per process: a document opens the bytes read before, under the file\'s name', async () => {
  const fs = require('node:fs');
  const files = fontFiles();
  const readFileSync = fs.readFileSync;
  const read: unknown[] = [];
  fs.readFileSync = function (this: unknown, path: unknown, ...rest: unknown[]) {
    read.push(path);
    return readFileSync.call(this, path, ...rest);
  };
  let bytes: Buffer;
  try {
    await renderPdf(definition);
    bytes = (await renderPdf(definition)).bytes;
  } finally {
    fs.readFileSync = readFileSync;
  }
  // Once at most (this process may have read it before), not once per document as pdfkit would.
  for (const file of [files[SERIF].normal, files[SANS].normal]) expect(read.filter((p) => p === file).length).toBeLessThanOrEqual(1);
  // Both fonts are in the file, under their own names, with their text.
  const pdf = await readPdf(bytes);
  expect(joinText(pdf.items)).toContain('Trade grew in every year.');
  expect(joinText(pdf.items)).toContain('Tourists 2019');
});

// A line's words of one look are drawn as one text object: every word still
// sits where pdfmake, drawing word by word, puts it, and links cover the same text.
import { beforeAll, expect, test } from 'vitest';
import { build } from '../../src/pipeline.ts';
import { readPdf, type PdfText } from '../support/readPdf.ts';
import { pageContents } from '../support/readStructure.ts';
import { ROOT } from '../support/project.ts';
import { shared } from '../support/shared.ts';

const runs = shared();
let apart: { pdf: Buffer; text: PdfText };

beforeAll(async () => {
  const pdf = (await build(ROOT, { textRuns: false })).pdf;
  apart = { pdf, text: await readPdf(pdf) };
}, 120_000);

const textObjects = (pdf: Uint8Array) => pageContents(pdf).reduce((n, s) => n + (s.match(/\bBT\b/g) ?? []).length, 0);

test('a line is drawn in far fewer text objects than it has words', () => {
  expect(textObjects(runs.pdf)).toBeLessThan(textObjects(apart.pdf) / 3);
});

test('pdf.js reads the same text at the same places, to a thousandth of a point', () => {
  expect(runs.text.items.length).toBe(apart.text.items.length);
  expect(runs.text.items.length).toBeGreaterThan(1000);
  runs.text.items.forEach((item, n) => {
    const other = apart.text.items[n];
    expect(item.text, `item ${n}`).toBe(other.text);
    for (const key of ['page', 'x', 'y', 'width', 'size'] as const) expect(Math.abs(item[key] - other[key]), `${key} of "${item.text}" on page ${item.page}`).toBeLessThan(1e-3);
  });
});

test('each link covers the words it covered drawn word by word, one area per run', () => {
  const target = (l: PdfText['links'][number]) => `${l.page} ${l.uri ?? JSON.stringify(l.dest)}`;
  const contains = (outer: number[], inner: number[]) =>
    outer[0] <= inner[0] + 1e-3 && outer[1] <= inner[1] + 1e-3 && outer[2] >= inner[2] - 1e-3 && outer[3] >= inner[3] - 1e-3;
  expect(runs.text.links.length).toBeLessThan(apart.text.links.length);
  for (const word of apart.text.links) {
    expect(runs.text.links.some((run) => target(run) === target(word) && contains(run.rect, word.rect)), `${target(word)} at ${word.rect}`).toBe(true);
  }
  // And no further: each run's area starts at a word's left edge and ends at a word's right edge.
  for (const run of runs.text.links) {
    const words = apart.text.links.filter((w) => target(w) === target(run) && contains(run.rect, w.rect));
    expect(words.some((w) => Math.abs(w.rect[0] - run.rect[0]) < 1e-3), `${target(run)} starts at a word`).toBe(true);
    expect(words.some((w) => Math.abs(w.rect[2] - run.rect[2]) < 1e-3), `${target(run)} ends at a word`).toBe(true);
  }
});

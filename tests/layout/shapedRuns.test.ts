// Shaped words kept as a table of glyph records: a run read back is the run fontkit shaped.
import { expect, test } from 'vitest';
import * as fontkit from 'fontkit';
import { fontFiles, SERIF } from '../../src/layout/fonts.ts';
import { RunStore, isStoredRuns, lazyRuns, type Run, type StoredRuns } from '../../src/layout/shapedRuns.ts';

// As pdfkit's EmbeddedFont.layoutRun leaves a run: positions scaled to 1000 units per em.
function shape(word: string): Run {
  const font = fontkit.openSync(fontFiles()[SERIF].normal) as fontkit.Font;
  const run = font.layout(word);
  const scale = 1000 / font.unitsPerEm;
  const positions = run.positions.map((p, i) => ({ xAdvance: p.xAdvance * scale, yAdvance: p.yAdvance * scale, xOffset: p.xOffset * scale, yOffset: p.yOffset * scale, advanceWidth: run.glyphs[i].advanceWidth * scale }));
  return { glyphs: run.glyphs.map((g) => ({ id: g.id, advanceWidth: g.advanceWidth, codePoints: g.codePoints })), positions, advanceWidth: positions.reduce((s, p) => s + p.xAdvance, 0) };
}

/** A store as another process reads it: through JSON. */
const throughDisk = (store: RunStore, only?: string[]) => new RunStore().merge(JSON.parse(JSON.stringify(store.stored(only))));

test('a word with a ligature and a kern pair comes back glyph for glyph, code points included', () => {
  const run = shape('office AVA');
  // "ffi" is one glyph that stands for three characters (ToUnicode needs all three).
  expect(run.glyphs.some((g) => g.codePoints.join() === '102,102,105')).toBe(true);
  const store = new RunStore();
  store.add('office AVA', run);
  const back = throughDisk(store).run('office AVA')!;
  expect(back).toEqual(run);
  expect(back.glyphs.map((g) => g.codePoints)).toEqual(run.glyphs.map((g) => g.codePoints));
  expect(throughDisk(store).run('office')).toBeUndefined();
});

test('each distinct glyph record is kept once, and runs made from it share its objects', () => {
  const store = new RunStore();
  const words = ['the ', 'then ', 'nett '];
  for (const word of words) store.add(word, shape(word));
  const stored = store.stored();
  // As many records as distinct glyph-and-position pairs in fontkit's runs: 14 glyphs, five letters and the space, a kern or so.
  const distinct = new Set(words.flatMap((w) => { const r = shape(w); return r.glyphs.map((g, i) => JSON.stringify([g, r.positions[i]])); }));
  expect(distinct.size).toBeLessThan(8);
  expect(stored.glyphs).toHaveLength(distinct.size);
  expect(stored.words['then ']).toHaveLength(6);
  const back = throughDisk(store);
  const [the, then] = [back.run('the ')!, back.run('then ')!];
  expect(then.glyphs[0]).toBe(the.glyphs[0]);
  expect(then.positions[2]).toBe(the.positions[2]);
  expect(then).toEqual(shape('then '));
});

test('a store of some words numbers its own records; merged into another, they are renumbered', () => {
  const store = new RunStore();
  for (const word of ['Niš', 'Novi ', 'Sad']) store.add(word, shape(word));
  const some = store.stored(['Sad']);
  expect(some.glyphs).toHaveLength(3);
  expect(some.words).toEqual({ Sad: [expect.any(Number), 0, 1, 2] });
  const main = new RunStore().merge(JSON.parse(JSON.stringify(store.stored(['Niš', 'Novi ']))));
  main.merge(JSON.parse(JSON.stringify(some)));
  expect(main.list()).toEqual(['Niš', 'Novi ', 'Sad']);
  for (const word of ['Niš', 'Novi ', 'Sad']) expect(main.run(word)).toEqual(shape(word));
});

test('lazy runs make a word on first read and keep it; a layoutCache built on them finds them', () => {
  const store = new RunStore();
  store.add('Belgrade', shape('Belgrade'));
  const layoutCache = Object.create(lazyRuns(store)) as Record<string, Run>;
  const first = layoutCache.Belgrade;
  expect(first.glyphs).toHaveLength(8);
  expect(layoutCache.Belgrade).toBe(first);
  expect(layoutCache.Novi).toBeUndefined();
});

test('a damaged store is not taken for runs', () => {
  const whole: StoredRuns = { glyphs: [[1, 500, [97], 500, 0, 0, 0, 500]], words: { a: [500, 0] } };
  expect(isStoredRuns(whole)).toBe(true);
  expect(isStoredRuns({ ...whole, words: { a: [500, 1] } })).toBe(false); // no record 1
  expect(isStoredRuns({ ...whole, words: { a: [500, 0.5] } })).toBe(false);
  expect(isStoredRuns({ ...whole, glyphs: [[1, 500, 97, 500, 0, 0, 0, 500]] })).toBe(false); // code points not a list
  expect(isStoredRuns({ ...whole, glyphs: [[1, 500, [97], 500]] })).toBe(false);
  expect(isStoredRuns({ a: [500, 1, 500, [97], 500, 0, 0, 0, 500] })).toBe(false); // the format before
  expect(isStoredRuns([1, 2])).toBe(false);
  expect(isStoredRuns('{"a":')).toBe(false);
  expect(new RunStore().merge({ glyphs: 'x', words: {} }).list()).toEqual([]);
});

// Packing measured words: what comes back is what went in, and a word JSON
// could not carry back exactly is refused.
import { describe, expect, test } from 'vitest';
import { Shapes, isPackedLeaf, isStoredLeaves, packLeaf, unpackLeaf, type MeasuredLeaf } from '../../src/layout/measuredLeaves.ts';

const word = (text: string, width: number, more: Record<string, unknown> = {}) => ({
  text, font: 0, fontSize: 10.5, color: '#1a1a1a', link: null, fontFeatures: null, ...more, width, height: 14.7, leadingCut: 0, trailingCut: text.endsWith(' ') ? 2.625 : 0,
});

const leaf: MeasuredLeaf = {
  fonts: [['Source Serif 4', false, false], ['Source Serif 4', false, true]],
  words: [
    word('Trade ', 27.3),
    word('grew', 21.42, { font: 1, italics: true }),
    word(' by ', 16.8),
    word('1,500%', 31.08, { noteRef: 3, fontFeatures: ['tnum'] }),
  ],
  minWidth: 31.08,
  maxWidth: 96.6,
};

const allKeys = (w: object) => { const keys: string[] = []; for (const k in w) keys.push(k); return keys; };

describe('measured paragraphs, packed', () => {
  test('unpacked words have the same keys and values', () => {
    const shapes = new Shapes();
    const packed = packLeaf(leaf, shapes)!;
    // "Trade " and " by " differ only in their own values: one shape.
    expect(packed.words[0][0]).toBe(packed.words[2][0]);
    expect(shapes.size).toBe(3);
    const back = unpackLeaf(JSON.parse(JSON.stringify(packed)), new Shapes(JSON.parse(JSON.stringify(shapes.list))));
    expect(back.fonts).toEqual(leaf.fonts);
    expect([back.minWidth, back.maxWidth]).toEqual([31.08, 96.6]);
    back.words.forEach((w, i) => {
      const original = leaf.words[i];
      // for…in, as pdfmake copies a word, sees every key.
      expect(allKeys(w).sort()).toEqual(Object.keys(original).sort());
      for (const k of Object.keys(original)) expect(w[k]).toEqual(original[k]);
    });
  });

  test('each unpacked word is its own: changing one changes no other, nor the store', () => {
    const shapes = new Shapes();
    const packed = packLeaf(leaf, shapes)!;
    const first = unpackLeaf(packed, shapes);
    first.words[0].x = 40;
    first.words[0].text = 'Trade-';
    (first.words[3].fontFeatures as string[]).push('smcp');
    const second = unpackLeaf(packed, shapes);
    expect(second.words[0].x).toBeUndefined();
    expect(second.words[0].text).toBe('Trade ');
    expect(second.words[2].text).toBe(' by ');
    expect(second.words[3].fontFeatures).toEqual(['tnum']);
  });

  test.each([
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-0', -0],
    ['an object', { x: 1 }],
    ['a nested array', [[1]]],
  ])('a word holding %s is not packed', (_name, value) => {
    const odd: MeasuredLeaf = { ...leaf, words: [word('odd', 10, { decoration: value })] };
    expect(packLeaf(odd, new Shapes())).toBeUndefined();
  });

  test('a shape is kept as an object whose keys come back in their order; a word with a key JSON would reorder is not packed', () => {
    const shapes = new Shapes();
    packLeaf(leaf, shapes);
    const stored = JSON.parse(JSON.stringify(shapes.list)) as Record<string, unknown>[];
    expect(Object.keys(stored[0])).toEqual(['text', 'font', 'fontSize', 'color', 'link', 'fontFeatures', 'width', 'height', 'leadingCut', 'trailingCut']);
    expect(stored[0]).toMatchObject({ text: null, font: 0, fontSize: 10.5, width: null, height: 14.7 });
    expect(packLeaf({ ...leaf, words: [word('odd', 10, { 7: 'x' })] }, new Shapes())).toBeUndefined();
  });

  test('a store whose shapes are not objects of named keys is refused', () => {
    const shape = { text: null, font: 0 };
    expect(isStoredLeaves({ shapes: [shape], leaves: {} })).toBe(true);
    expect(isStoredLeaves({ shapes: [[['text', null]]], leaves: {} })).toBe(false); // the format before
    expect(isStoredLeaves({ shapes: [{ ...shape, 0: 'x' }], leaves: {} })).toBe(false);
    expect(isStoredLeaves({ shapes: [JSON.parse('{"__proto__": {"polluted": 1}}')], leaves: {} })).toBe(false);
    expect(isStoredLeaves({ shapes: [shape] })).toBe(false);
  });

  test('a damaged stored paragraph is refused', () => {
    const shapes = new Shapes();
    const packed = packLeaf(leaf, shapes)!;
    expect(isPackedLeaf(packed, shapes.size)).toBe(true);
    expect(isPackedLeaf(packed, 2)).toBe(false); // names a shape the store does not have
    expect(isPackedLeaf({ ...packed, words: [[0, 'Trade ', 27.3]] }, shapes.size)).toBe(false);
    expect(isPackedLeaf({ ...packed, widths: [1] }, shapes.size)).toBe(false);
    expect(isPackedLeaf(null, shapes.size)).toBe(false);
  });
});

// A line's tape, the pure part: the glyph ids its operators name, its ops in
// order, and the checks that say whether its names still hold.
import { expect, test } from 'vitest';
import { glyphIdsIn, glyphsToAdd, isLineTape, opacitiesHold, tapeOps, type LineTape } from '../../src/pdf/lineTape.ts';

test('the glyph ids a line names, by the font each text object selects', () => {
  const ids = glyphIdsIn(['BT', '1 0 0 1 72 700 Tm', '/F1 10 Tf', '[<0001002a> 20 <0003>] TJ', 'ET', 'BT', '1 0 0 1 90 700 Tm', '/F2 10 Tf', '[<0001>] TJ', 'ET']);
  expect(Object.fromEntries([...ids!].map(([f, s]) => [f, [...s]]))).toEqual({ F1: [1, 42, 3], F2: [1] });
  // Glyphs before any font, a hex string cut short, or a text operator pdfkit's fragments do not write: no tape.
  expect(glyphIdsIn(['[<0001>] TJ'])).toBeUndefined();
  expect(glyphIdsIn(['/F1 10 Tf', '[<00012>] TJ'])).toBeUndefined();
  expect(glyphIdsIn(['/F1 10 Tf', '(abc) Tj'])).toBeUndefined();
});

test('a tape\'s ops: operators joined between calls, and the font put in the page\'s resources before each text object', () => {
  const ops = tapeOps(['/Gs1 gs', ['opacity', 1, 1, '/Gs1 gs'], '/DeviceRGB cs', '0 0 0 scn', 'q', 'BT', '1 0 0 1 72 700 Tm', '/F2 10 Tf', '[<0001>] TJ', 'ET', 'Q']);
  expect(ops).toEqual([
    '/Gs1 gs', ['opacity', 1, 1, '/Gs1 gs'], '/DeviceRGB cs\n0 0 0 scn\nq', ['pageFont', 'F2'],
    'BT\n1 0 0 1 72 700 Tm\n/F2 10 Tf\n[<0001>] TJ\nET\nQ',
  ]);
  // A text object whose font is not selected two operators on is not as pdfkit writes one.
  expect(tapeOps(['BT', '/F2 10 Tf'])).toBeUndefined();
});

// A subset that has the missing glyph (0), then font glyphs 5 and 9, as fontkit keeps it.
const subset = () => ({ glyphs: [0, 5, 9], mapping: { 0: 0, 5: 1, 9: 2 } as Record<number, number> });

test('glyphs a subset has must have the ids the tape names', () => {
  expect(glyphsToAdd(subset(), { kept: [5, 1, 9, 2], added: [] })).toEqual([]);
  expect(glyphsToAdd(subset(), { kept: [5, 2], added: [] })).toBeUndefined();
  expect(glyphsToAdd(subset(), { kept: [7, 3], added: [] })).toBeUndefined();
});

test('glyphs the line added get the next ids, in the order it added them', () => {
  // Glyph 12 (width 500, text "f" and "i") and glyph 4 were added as 3 and 4.
  const added = [12, 3, 500, 2, 102, 105, 4, 4, 250, 1, 120];
  expect(glyphsToAdd(subset(), { kept: [], added })).toEqual([
    { glyph: 12, id: 3, width: 500, codePoints: [102, 105] },
    { glyph: 4, id: 4, width: 250, codePoints: [120] },
  ]);
  // The subset has grown by another glyph since: 12 would get 4, not 3.
  const grown = { glyphs: [0, 5, 9, 30], mapping: { 0: 0, 5: 1, 9: 2, 30: 3 } };
  expect(glyphsToAdd(grown, { kept: [], added })).toBeUndefined();
  // The subset has 12 at 3 already (an earlier line added it first): only 4 is added.
  const first = { glyphs: [0, 5, 9, 12], mapping: { 0: 0, 5: 1, 9: 2, 12: 3 } };
  expect(glyphsToAdd(first, { kept: [], added })).toEqual([{ glyph: 4, id: 4, width: 250, codePoints: [120] }]);
  // A glyph the subset has at another id would not be added again.
  expect(glyphsToAdd(subset(), { kept: [], added: [9, 3, 500, 0] })).toBeUndefined();
});

test('opacity states keep their names: a known one its own, new ones the next numbers in order', () => {
  const registry: Record<string, string> = { '1_1': 'Gs1' };
  const named = (key: string) => registry[key];
  expect(opacitiesHold([['opacity', 1, 1, '/Gs1 gs'], ['opacity', null, null, '']], named, 1)).toBe(true);
  expect(opacitiesHold([['opacity', 0.5, 0.5, '/Gs2 gs'], 'q', ['opacity', 0.3, null, '/Gs3 gs'], ['opacity', 0.5, 0.5, '/Gs2 gs']], named, 1)).toBe(true);
  expect(opacitiesHold([['opacity', 0.5, 0.5, '/Gs2 gs']], named, 2)).toBe(false);
  expect(opacitiesHold([['opacity', 1, 1, '/Gs2 gs']], named, 1)).toBe(false);
  // pdfkit keys a state by its values clamped to 0–1.
  expect(opacitiesHold([['opacity', 2, 2, '/Gs1 gs']], named, 1)).toBe(true);
});

const tape = (): LineTape => ({
  fonts: { F1: 'SourceSerif4-Regular' },
  glyphs: { F1: { kept: [5, 1], added: [12, 3, 500, 1, 102] } },
  ops: ['/Gs1 gs', ['opacity', 1, 1, '/Gs1 gs'], ['pageFont', 'F1'], 'BT', ['destination', 'ref-3', ['XYZ', 72, 700, null]]],
  after: [80.5, 700, 'F1', 10, 'black', null],
});

test('a tape from disk is drawn from only if it is whole', () => {
  expect(isLineTape(tape())).toBe(true);
  const damaged: ((t: LineTape) => unknown)[] = [
    (t) => ({ ...t, fonts: { '../F1': 'x' } }),
    (t) => ({ ...t, glyphs: { F2: { kept: [], added: [] } } }),
    (t) => ({ ...t, glyphs: { F1: { kept: [5], added: [] } } }),
    (t) => ({ ...t, glyphs: { F1: { kept: [], added: [12, 3, 500, 2, 102] } } }),
    (t) => ({ ...t, glyphs: { F1: { kept: [-1, 2], added: [] } } }),
    (t) => ({ ...t, ops: [['pageFont', 'F9']] }),
    (t) => ({ ...t, ops: [['font', '/etc/passwd', 'F1']] }),
    (t) => ({ ...t, ops: [['opacity', '1', 1, '']] }),
    (t) => ({ ...t, ops: [['destination', 'ref-3', [{}]]] }),
    (t) => ({ ...t, after: [80.5, 700, 'F9', 10, 'black', null] }),
    (t) => ({ ...t, after: [80.5, null, 'F1', 10, 'black', null] }),
    () => 42,
  ];
  for (const damage of damaged) expect(isLineTape(damage(tape()))).toBe(false);
});

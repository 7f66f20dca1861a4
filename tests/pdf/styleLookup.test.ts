// The faster style lookup (src/pdf/pdfmake/styleLookup.ts) against pdfmake's
// own: the same answer for every property of every kind of item, on a stack
// with named styles, `extends` chains, overrides and defaults.
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const StyleContextStack = require('pdfmake/js/StyleContextStack.js').default;
// pdfmake's own, taken before the hooks replace them.
const pdfmake = { getStyleProperty: StyleContextStack.getStyleProperty, getProperty: StyleContextStack.prototype.getProperty };
const { installHooks } = await import('../../src/pdf/pdfmake/install.ts');

const dictionary = {
  body: { font: 'Serif', fontSize: 10, extends: 'base' },
  base: { color: 'black', lineHeight: 1.4, bold: false },
  note: { fontSize: 8, extends: ['base', 'small'] },
  small: { italics: true, fontSize: 7, color: 'grey' },
  loop: { extends: 'loop2' },
  loop2: { extends: 'loop', opacity: 0.5 },
};
const stack = () => {
  const s = new StyleContextStack(dictionary, { fontSize: 12, font: 'Sans' });
  s.push('body');
  s.push({ alignment: 'justify', color: null });
  return s;
};
const items = [
  { text: 'plain' },
  { text: 'own', fontSize: 9, color: 'red' },
  { text: 'named', style: 'note' },
  { text: 'named twice', style: ['small', 'note'] },
  { text: 'null own value', style: 'small', italics: null },
  { text: 'a cycle', style: 'loop' },
  { text: 'a section', section: true, style: 'note' },
  'a string',
];
const properties = ['font', 'fontSize', 'bold', 'italics', 'color', 'alignment', 'lineHeight', 'opacity', 'decoration', 'extends'];

function pdfmakeAnswer(item: unknown, property: string, fallback: unknown) {
  const hooked = StyleContextStack.prototype.getProperty;
  StyleContextStack.prototype.getProperty = pdfmake.getProperty;
  try {
    return pdfmake.getStyleProperty(item, stack(), property, fallback);
  } finally {
    StyleContextStack.prototype.getProperty = hooked;
  }
}

test('every item, every property: the answer pdfmake gives', () => {
  installHooks();
  expect(StyleContextStack.getStyleProperty).not.toBe(pdfmake.getStyleProperty);
  for (const item of items) {
    for (const property of properties) {
      const s = stack();
      expect(StyleContextStack.getStyleProperty(item, s, property, 'default'), `${JSON.stringify(item)} ${property}`).toEqual(pdfmakeAnswer(item, property, 'default'));
      // Nothing left pushed on the stack.
      expect(s.styleOverrides).toHaveLength(2);
    }
  }
});

test('some answers by hand: own value, last named style first, extends, stack, default', () => {
  installHooks();
  const get = (item: unknown, property: string) => StyleContextStack.getStyleProperty(item, stack(), property, 'default');
  expect(get(items[1], 'fontSize')).toBe(9);
  expect(get(items[3], 'fontSize')).toBe(8); // "note" is pushed last, so it is looked at first
  expect(get(items[3], 'color')).toBe('grey'); // note extends base, then small: the last parent is asked first
  expect(get(items[2], 'bold')).toBe(false);
  expect(get(items[0], 'alignment')).toBe('justify');
  expect(get(items[0], 'color')).toBe('black'); // null in the override: on to body, which extends base
  expect(get(items[6], 'fontSize')).toBe(10); // a section pushes no styles
  expect(get(items[0], 'decoration')).toBe('default');
  expect(get(items[5], 'opacity')).toBe(0.5);
});

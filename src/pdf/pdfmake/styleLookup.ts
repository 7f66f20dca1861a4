// A faster style lookup with the same search order: pdfmake's
// StyleContextStack.getProperty makes a closure and a `new Set()` for every
// property it looks up, a quarter of a warm rebuild's time. This one walks the
// same overrides, named styles and `extends` chains, allocating only for a
// style that extends another.
//
// Its static getStyleProperty, asked 22 times for every word a paragraph
// measures, wraps each lookup in a closure for StyleContextStack.auto, and
// autopush makes arrays to push the item's styles: 30 MB of a warm rebuild's
// 180 MB of allocations. The replacement pushes nothing: it looks where the
// lookup would look first (the item, then its named styles, last first), then
// at the stack below.
//
// - StyleContextStack.getProperty: replaced.
// - StyleContextStack.getStyleProperty (static): replaced.
import { internals, type Any, type Hooked } from './internals.ts';

export const hooked: Hooked[] = [
  ['StyleContextStack', 'getProperty', 'getStylePropertyFromStyle'],
  ['StyleContextStack', 'static getStyleProperty', 'styleContextStack.auto(item'],
  ['StyleContextStack', 'autopush', 'this.push(item)'],
  ['StyleContextStack', 'autopush', 'typeof item.section'],
];

const isValue = (v: unknown) => v !== undefined && v !== null;

/** A named style's value for a property, following `extends` (last parent first), each style once. */
function fromStyle(dictionary: Record<string, Any>, name: string, property: string, visited?: Set<string>): unknown {
  if (visited?.has(name)) return undefined;
  const style = dictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (!style.extends) return undefined;
  const seen = visited ?? new Set<string>();
  seen.add(name);
  const parents: string[] = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    const value = fromStyle(dictionary, parents[i], property, seen);
    if (isValue(value)) return value;
  }
  return undefined;
}

/** A value on the stack as getProperty finds it: a named style's, or an override object's own. */
function fromOverride(dictionary: Record<string, Any>, entry: unknown, property: string): unknown {
  if (typeof entry === 'string' || entry instanceof String) return fromStyle(dictionary, String(entry), property);
  return (entry as Any)[property];
}

export function install(): void {
  const StyleContextStack = internals.StyleContextStack();
  // As `auto(item, () => getProperty(property))`, which pushes the item's named styles
  // then the item (none for a string or a section), looks from the top and pops.
  StyleContextStack.getStyleProperty = function (item: Any, styleContextStack: Any, property: string, defaultValue: unknown) {
    if (isValue(item[property])) return item[property];
    if (!styleContextStack) return defaultValue;
    const style = typeof item === 'string' || item instanceof String || typeof item.section !== 'undefined' ? undefined : item.style;
    if (style) {
      if (Array.isArray(style)) {
        for (let i = style.length - 1; i >= 0; i--) {
          const value = fromOverride(styleContextStack.styleDictionary, style[i], property);
          if (isValue(value)) return value;
        }
      } else {
        const value = fromOverride(styleContextStack.styleDictionary, style, property);
        if (isValue(value)) return value;
      }
    }
    const value = styleContextStack.getProperty(property);
    return isValue(value) ? value : defaultValue;
  };
  const SCS = StyleContextStack.prototype;
  SCS.getProperty = function (this: Any, property: string) {
    const overrides: unknown[] | undefined = this.styleOverrides;
    if (overrides) {
      for (let i = overrides.length - 1; i >= 0; i--) {
        const value = fromOverride(this.styleDictionary, overrides[i], property);
        if (isValue(value)) return value;
      }
    }
    return this.defaultStyle && this.defaultStyle[property];
  };
}

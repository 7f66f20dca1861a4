// What recording a drawing (chartReplay.ts) needs of pdfkit's document:
// members replaced for the time of the drawing, the page's fonts watched, and
// the document's fonts by their name in the PDF.
import type { Any } from './internals.ts';

/** Replaces members for a while; `undo` puts back each one as it was (an own member, or none). */
export class Replaced {
  private readonly undos: (() => void)[] = [];

  set(target: Any, name: string, value: unknown): void {
    const own = Object.getOwnPropertyDescriptor(target, name);
    target[name] = value;
    this.undos.push(() => (own ? Object.defineProperty(target, name, own) : delete target[name]));
  }

  /** Calls `then` when undone (after the members replaced since, before those replaced before). */
  onUndo(then: () => void): void {
    this.undos.push(then);
  }

  undo(): void {
    for (const u of this.undos.reverse()) u();
    this.undos.length = 0;
  }
}

/**
 * Watches the page's fonts (its resources' /Font): `onGet` for each font
 * name looked up (pdfkit and svg-to-pdfkit look one up, and add the font if
 * it is missing), `onSet` for each added. Through the page's own getter, so
 * the dictionary is made when pdfkit would make it: the order of a page's
 * resources is in the PDF's bytes.
 */
export function watchPageFonts(page: Any, replaced: Replaced, onGet: (name: string) => void, onSet: (name: string, value: unknown) => void): void {
  const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(page), 'fonts')?.get;
  if (!getter) throw new Error('pdfkit page has no fonts getter');
  const proxies = new WeakMap<object, object>();
  Object.defineProperty(page, 'fonts', {
    configurable: true,
    get() {
      const fonts = getter.call(page);
      const known = proxies.get(fonts);
      if (known) return known;
      const proxy = new Proxy(fonts, {
        get(target, key) {
          if (typeof key === 'string' && /^F\d+$/.test(key)) onGet(key);
          return target[key];
        },
        set(target, key, value) {
          onSet(String(key), value);
          target[key] = value;
          return true;
        },
      });
      proxies.set(fonts, proxy);
      return proxy;
    },
  });
  replaced.onUndo(() => delete page.fonts);
}

type Plain = string | number | boolean | null | Plain[];

/** Plain for comparing a field before and after a drawing (any number: nothing here goes to JSON). */
const isPlain = (v: unknown): v is Plain =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) && v.every(isPlain));

/** A field's value, for telling whether a drawing changed it: plain values by content, others by identity. */
function valueOf(v: unknown): unknown {
  return isPlain(v) && Array.isArray(v) ? JSON.stringify(v) : v;
}

/**
 * The document as a drawing finds it, for telling after it whether a tape can
 * make the drawing's effects again: `unchanged()` is true if the drawing stayed
 * on its page, added no image, pattern, colour space or annotation to it, and
 * changed none of the document's fields but the `settable` ones.
 */
export function documentBefore(doc: Any, settable: Set<string>): { unchanged(): boolean } {
  const page = doc.page;
  const fields = () => new Map(Object.keys(doc).filter((k) => !settable.has(k)).map((k) => [k, valueOf(doc[k])]));
  // Read from the dictionaries, not through pdfkit's getters, which would add empty ones to the page.
  const resources = () => {
    const { XObject, Pattern, ColorSpace } = page.resources.data;
    return [XObject, Pattern, ColorSpace, page.dictionary.data.Annots].map((r) => (r == null ? -1 : Object.keys(r).length)).join();
  };
  const before = fields();
  const resourcesBefore = resources();
  return {
    unchanged() {
      if (doc.page !== page || resources() !== resourcesBefore) return false;
      const after = fields();
      return after.size === before.size && [...after].every(([k, v]) => before.has(k) && before.get(k) === v);
    },
  };
}

/** The fonts a document has opened. */
export function openFonts(doc: Any): Any[] {
  return [...new Set([...Object.values(doc._fontFamilies as Record<string, Any>), doc._font].filter(Boolean))];
}

/** The document's font with that name in the PDF (F1, F2…). */
export function fontNamed(doc: Any, id: string): Any {
  return openFonts(doc).find((f) => f.id === id);
}

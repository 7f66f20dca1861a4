// Measured text, kept: pdfmake measures every paragraph of a brief before
// laying it out (its words, their widths and styles: about 200 ms in a fresh
// process), and a paragraph measures the same whatever surrounds it, given
// its text, the style values it inherits and the document's styles and fonts.
// Here a measured paragraph is packed as plain data, to be unpacked into new
// words for any later build of the same text, in this process or (on disk) the next.
//
// A word is packed as its shape (every key but its text and widths, in their
// order, shared by the many words of one style) and those four values. A shape
// is an object, its keys in order (JSON keeps the order of keys that are not
// array indices, and a word with such a key is not packed): the paper's 459
// shapes took 13 ms to parse as lists of pairs, 2 ms as objects.

/** pdfmake's properties that measuring a paragraph looks up in its styles (tests/pdf/measureCache.test.ts checks the list). */
export const MEASURED_PROPERTIES = [
  'alignment', 'background', 'bold', 'characterSpacing', 'color', 'decoration', 'decorationColor', 'decorationStyle',
  'decorationThickness', 'font', 'fontFeatures', 'fontSize', 'italics', 'leadingIndent', 'lineHeight', 'link',
  'linkToDestination', 'linkToPage', 'noWrap', 'opacity', 'preserveLeadingSpaces', 'preserveTrailingSpaces', 'sub',
  'sup', 'wordBreak',
] as const;

/** A font as measuring asked for it: family, bold, italics. */
export type FontRequest = [string, boolean, boolean];

/** A measured word as pdfmake makes it, its font given as an index into its paragraph's fonts. */
export type Word = Record<string, unknown>;

export interface MeasuredLeaf {
  /** The fonts measuring asked for, in order: asked again when unpacked, so fonts open in the same order. */
  fonts: FontRequest[];
  words: Word[];
  minWidth: number;
  maxWidth: number;
}

/** Each word's own values; the rest of it is its shape. */
const OWN = ['text', 'width', 'leadingCut', 'trailingCut'];

/** A word's keys in order, with the values of the keys not in OWN (null for those). */
type Shape = Record<string, unknown>;

/** A key JSON would move to the front of an object: an array index. */
const INDEX_LIKE = /^(0|[1-9]\d*)$/;

export interface PackedLeaf {
  fonts: FontRequest[];
  widths: [number, number];
  /** Per word: its shape's index, then its OWN values, in that order. */
  words: unknown[][];
}

/** A shape as unpacking uses it: the word each new word inherits from, the OWN keys to fill in, the keys whose arrays are copied. */
interface Template { word: Word; own: [string, number][]; arrays: string[] }

/** Shapes shared by every packed paragraph of a store, by index. */
export class Shapes {
  readonly list: Shape[];
  private readonly index = new Map<string, number>();
  private readonly templates: Template[] = [];

  constructor(list: Shape[] = []) {
    this.list = [];
    for (const shape of list) this.intern(shape);
  }

  get size(): number {
    return this.list.length;
  }

  intern(shape: Shape): number {
    const key = JSON.stringify(shape);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.push(shape) - 1;
      this.index.set(key, i);
      this.templates.push(templateOf(shape));
    }
    return i;
  }

  template(i: number): Template {
    return this.templates[i];
  }
}

function templateOf(shape: Shape): Template {
  const word: Word = {};
  const own: [string, number][] = [];
  const arrays: string[] = [];
  for (const key of Object.keys(shape)) {
    const value = shape[key];
    word[key] = value;
    const at = OWN.indexOf(key);
    if (at >= 0) own.push([key, at + 1]);
    else if (Array.isArray(value)) arrays.push(key);
  }
  return { word, own, arrays };
}

/** A value JSON gives back exactly: a string, a finite number that is not -0, a boolean, null, or an array of these. */
function isPlain(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  return Array.isArray(v) && v.every((x) => !Array.isArray(x) && isPlain(x));
}

/** The packed paragraph, or undefined if a word holds a value JSON would change (then it is measured each time). */
export function packLeaf(leaf: MeasuredLeaf, shapes: Shapes): PackedLeaf | undefined {
  if (!isPlain(leaf.minWidth) || !isPlain(leaf.maxWidth)) return undefined;
  const words: unknown[][] = [];
  for (const word of leaf.words) {
    const shape: Shape = {};
    const own: unknown[] = OWN.map(() => undefined);
    for (const key of Object.keys(word)) {
      const value = word[key];
      if (!isPlain(value) || INDEX_LIKE.test(key) || key === '__proto__') return undefined;
      const at = OWN.indexOf(key);
      if (at >= 0) own[at] = value;
      shape[key] = at >= 0 ? null : value;
    }
    words.push([shapes.intern(shape), ...own]);
  }
  return { fonts: leaf.fonts, widths: [leaf.minWidth, leaf.maxWidth], words };
}

/** New words, as many as were packed, with the keys and values measuring gave them. */
export function unpackLeaf(packed: PackedLeaf, shapes: Shapes): MeasuredLeaf {
  const words = packed.words.map((packedWord) => {
    const template = shapes.template(packedWord[0] as number);
    // The shape's values are inherited, not copied: a fresh process runs this
    // unoptimised, where copying 25 keys per word cost 70 ms for the paper.
    // pdfmake reads a word's keys, and copies one with for…in, which sees these too.
    const word: Word = Object.create(template.word);
    for (const [key, at] of template.own) word[key] = packedWord[at];
    // Arrays (fontFeatures) are copied: a word's values are its own.
    for (const key of template.arrays) word[key] = [...(word[key] as unknown[])];
    return word;
  });
  return { fonts: packed.fonts, words, minWidth: packed.widths[0], maxWidth: packed.widths[1] };
}

/** The paragraph with its words' shape numbers mapped, as into another store's shapes. */
export function renumberLeaf(leaf: PackedLeaf, shapeOf: (shape: number) => number): PackedLeaf {
  return { ...leaf, words: leaf.words.map(([shape, ...own]) => [shapeOf(shape as number), ...own]) };
}

/** Whether a value read from disk has the shape of a store: its paragraphs are checked one by one, as they are used (isPackedLeaf). */
export function isStoredLeaves(v: unknown): v is { shapes: Shape[]; leaves: Record<string, unknown> } {
  if (!v || typeof v !== 'object') return false;
  const { shapes, leaves } = v as Record<string, unknown>;
  return Array.isArray(shapes) && shapes.every((s) => !!s && typeof s === 'object' && !Array.isArray(s) && Object.keys(s).every((k) => !INDEX_LIKE.test(k) && k !== '__proto__')) &&
    !!leaves && typeof leaves === 'object';
}

/** Whether a stored paragraph is whole, its shapes among the first `shapeCount` (a damaged one is measured again). */
export function isPackedLeaf(v: unknown, shapeCount: number): v is PackedLeaf {
  const l = v as PackedLeaf;
  return !!l && Array.isArray(l.fonts) && Array.isArray(l.widths) && l.widths.length === 2 && Array.isArray(l.words) &&
    l.words.every((w) => Array.isArray(w) && w.length === OWN.length + 1 && Number.isInteger(w[0]) && (w[0] as number) >= 0 && (w[0] as number) < shapeCount);
}

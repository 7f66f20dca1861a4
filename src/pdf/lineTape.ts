// A drawn line's tape (core of pdf/pdfmake/lineReplay.ts): the operators a
// line of text wrote and what its drawing did besides, and the checks that say
// whether writing them again gives what drawing it again would.

/** A plain value, as JSON keeps it. */
export type Plain = string | number | boolean | null | Plain[];

/**
 * The glyphs a line's operators name in one font, by their ids in the font
 * file and in the font's subset. Flat lists of numbers, quick to read from
 * JSON and to check: `kept`, pairs (glyph, id) of glyphs the subset had;
 * `added`, those the line added, in the order it added them, each as glyph,
 * id, width, then the count of its code points and the code points (the text
 * pdfkit recorded for it: its ToUnicode entry).
 */
export interface FontGlyphs {
  kept: number[];
  added: number[];
}

/** A glyph to add to a subset, as the line added it. */
export interface GlyphToAdd {
  glyph: number;
  id: number;
  width: number;
  codePoints: number[];
}

/** A call whose effect reaches past the operators. */
export type LineStep =
  /** doc._doOpacity(fill, stroke), and the operator it wrote ('' for none). */
  | ['opacity', number | null, number | null, string]
  /** The font put in the page's resources if it is not there, as pdfkit does before each text object. */
  | ['pageFont', string]
  /** doc.addNamedDestination(name, ...args): the line is a link's target (a note's way back to where it is cited). */
  | ['destination', string, Plain[]];

export interface LineTape {
  /** Each font the tape names, by its name in the PDF (F1, F2…), with its PostScript name. */
  fonts: Record<string, string>;
  /** Per font name: the glyphs the operators name. */
  glyphs: Record<string, FontGlyphs>;
  /** In order: operators (one per line) and the calls between them. */
  ops: (string | LineStep)[];
  /** The document's text state after the line: pen x and y, font name, font size, fill colour and opacity. */
  after: [number, number, string, number, string, number | null];
}

/**
 * The glyph ids a line's operators name, by font: pdfkit selects a font with
 * `/F1 10 Tf` and shows glyphs as 4-digit hex ids in a TJ array.
 */
export function glyphIdsIn(operators: string[]): Map<string, Set<number>> | undefined {
  const ids = new Map<string, Set<number>>();
  let font: string | undefined;
  for (const op of operators) {
    const selected = fontSelected(op);
    if (selected) font = selected;
    else if (op.endsWith(' TJ')) {
      if (!font) return undefined;
      let set = ids.get(font);
      if (!set) ids.set(font, (set = new Set()));
      for (const [, hex] of op.matchAll(/<([0-9a-f]*)>/g)) {
        if (hex.length % 4) return undefined;
        for (let i = 0; i < hex.length; i += 4) set.add(parseInt(hex.slice(i, i + 4), 16));
      }
    } else if (/ Tj$| '$| "$/.test(op)) return undefined;
  }
  return ids;
}

/** The font an operator selects (`/F1 10 Tf`), if it selects one. */
export function fontSelected(op: string): string | undefined {
  return /^\/(F\d+) \S+ Tf$/.exec(op)?.[1];
}

/**
 * A recorded line as a tape's ops: its operators, joined where no call comes
 * between them, with each opacity call where it came, and before each text
 * object (BT, then Tm, then the font's Tf) the font put in the page's resources.
 */
export function tapeOps(recorded: (string | LineStep)[]): (string | LineStep)[] | undefined {
  const ops: (string | LineStep)[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) ops.push(run.join('\n'));
    run = [];
  };
  for (let i = 0; i < recorded.length; i++) {
    const op = recorded[i];
    if (typeof op !== 'string') {
      flush();
      ops.push(op);
    } else if (op === 'BT') {
      const font = typeof recorded[i + 2] === 'string' ? fontSelected(recorded[i + 2] as string) : undefined;
      if (!font) return undefined;
      flush();
      ops.push(['pageFont', font]);
      run.push(op);
    } else {
      run.push(op);
    }
  }
  flush();
  return ops;
}

/** What a tape checks of a font's subset: fontkit's glyph list and its index. */
export interface SubsetState {
  glyphs: number[];
  mapping: Record<number, number>;
}

/**
 * The glyphs to add to a subset for a tape's ids to hold, in order; undefined
 * if they would not. A glyph the subset has must have the id the tape names;
 * one it lacks must be one the line added when recorded, and gets the next id
 * in the order the line added them, as drawing the line would give it.
 */
export function glyphsToAdd(subset: SubsetState, glyphs: FontGlyphs): GlyphToAdd[] | undefined {
  const size = subset.glyphs.length;
  const { kept, added } = glyphs;
  // The list and its index agree (fontkit adds to both at once): the list is the quicker to read.
  for (let i = 0; i < kept.length; i += 2) if (subset.glyphs[kept[i + 1]] !== kept[i]) return undefined;
  const add: GlyphToAdd[] = [];
  for (let i = 0; i < added.length; i += 4 + added[i + 3]) {
    const glyph = added[i];
    const id = added[i + 1];
    if (id < size) {
      if (subset.glyphs[id] !== glyph) return undefined;
    } else if (id !== size + add.length || subset.mapping[glyph] !== undefined) {
      return undefined;
    } else {
      add.push({ glyph, id, width: added[i + 2], codePoints: added.slice(i + 4, i + 4 + added[i + 3]) });
    }
  }
  return add;
}

/**
 * The names opacity steps would give now, checked against the tape: pdfkit
 * names a new state Gs1, Gs2… in the order the document first uses it.
 */
export function opacitiesHold(steps: (string | LineStep)[], named: (key: string) => string | undefined, count: number): boolean {
  const fresh = new Map<string, string>();
  for (const step of steps) {
    if (typeof step === 'string' || step[0] !== 'opacity') continue;
    const [, fill, stroke, operator] = step;
    if (fill === null && stroke === null) {
      if (operator !== '') return false;
      continue;
    }
    const clamp = (v: number | null) => (v === null ? null : Math.max(0, Math.min(1, v)));
    const key = `${clamp(fill)}_${clamp(stroke)}`;
    let name = named(key) ?? fresh.get(key);
    if (!name) fresh.set(key, (name = `Gs${count + fresh.size + 1}`));
    if (operator !== `/${name} gs`) return false;
  }
  return true;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

export const isPlain = (v: unknown): v is Plain =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || isNumber(v) || (Array.isArray(v) && v.every(isPlain));

function isIndexList(v: unknown): v is number[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isIndex(v[i])) return false;
  return true;
}

/** `kept` in pairs; `added` in whole entries (glyph, id, width, count, code points), the width any number. */
function isFontGlyphs(v: unknown): v is FontGlyphs {
  if (!isRecord(v) || !isIndexList(v.kept) || v.kept.length % 2 || !Array.isArray(v.added)) return false;
  const added = v.added as unknown[];
  let i = 0;
  while (i < added.length) {
    const count = added[i + 3];
    if (!isIndex(added[i]) || !isIndex(added[i + 1]) || !isNumber(added[i + 2]) || !isIndex(count) || i + 4 + count > added.length) return false;
    for (let k = i + 4; k < i + 4 + count; k++) if (!isIndex(added[k])) return false;
    i += 4 + count;
  }
  return true;
}

function isStep(s: unknown[], fonts: Record<string, unknown>): boolean {
  switch (s[0]) {
    case 'opacity': return s.length === 4 && (s[1] === null || isNumber(s[1])) && (s[2] === null || isNumber(s[2])) && typeof s[3] === 'string';
    case 'destination': return s.length === 3 && typeof s[1] === 'string' && Array.isArray(s[2]) && s[2].every(isPlain);
    case 'pageFont': return s.length === 2 && typeof s[1] === 'string' && Object.hasOwn(fonts, s[1]);
    default: return false;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const FONT_NAME = /^F\d+$/;

/** A tape as JSON holds it, from disk: anything else is not drawn from. Plain loops: a fresh build checks hundreds. */
export function isLineTape(v: unknown): v is LineTape {
  if (!isRecord(v)) return false;
  const { ops, fonts, glyphs, after } = v;
  if (!isRecord(fonts) || !isRecord(glyphs) || !Array.isArray(ops) || !Array.isArray(after)) return false;
  for (const k in fonts) if (!FONT_NAME.test(k) || typeof fonts[k] !== 'string') return false;
  for (const k in glyphs) if (!Object.hasOwn(fonts, k) || !isFontGlyphs(glyphs[k])) return false;
  for (const op of ops) if (typeof op !== 'string' && !(Array.isArray(op) && isStep(op, fonts))) return false;
  return after.length === 6 && isNumber(after[0]) && isNumber(after[1])
    && typeof after[2] === 'string' && Object.hasOwn(fonts, after[2]) && isNumber(after[3])
    && typeof after[4] === 'string' && (after[5] === null || isNumber(after[5]));
}

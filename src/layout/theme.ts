// Page geometry, type sizes and colours: the house style in one place.
import { TEX_PARAMS } from './lineBreaking.ts';
export type Paper = 'a4' | 'letter';
export const PAPERS: Paper[] = ['a4', 'letter'];

const SIZES = {
  a4: { size: 'A4', width: 595.28, height: 841.89 },
  letter: { size: 'LETTER', width: 612, height: 792 },
} as const;

export interface PageGeometry {
  size: string;
  width: number;
  height: number;
  margins: { left: number; right: number; top: number; bottom: number };
  /** The text block's width: body text, notes and charts are set to it. */
  bodyWidth: number;
}

/** One set of margins for both papers: Letter's text block is wider and shorter than A4's. */
export function pageGeometry(paper: Paper): PageGeometry {
  const margins = { left: 78, right: 78, top: 74, bottom: 70 };
  const { size, width, height } = SIZES[paper];
  return { size, width, height, margins, bodyWidth: width - margins.left - margins.right };
}

/** A4, the default paper. */
export const page = pageGeometry('a4');

export const colour = {
  ink: '#1a1a1a',
  accent: '#1d3a5c',
  muted: '#5b6570',
  rule: '#9aa5b1',
  tint: '#eef2f6',
  missing: '#a3341f',
};

/**
 * Total-fit line breaking (layout/lineBreaking.ts), TeX's parameters: a word
 * space stretches by half and shrinks by a third of its width; hyphens cost
 * 50, two hyphenated lines in a row 10,000 more, a hyphen on the last full
 * line 5,000, and no more than two hyphenated lines follow each other.
 */
export const lineBreaking = {
  ...TEX_PARAMS,
  stretch: 1 / 2,
  shrink: 1 / 3,
  hyphenPenalty: 50,
  explicitHyphenPenalty: 50,
  emergencyStretch: 6,
};

/** Type sizes, and leading as a multiple of the type size (converted for pdfmake by layout/fonts.ts). */
export const type = {
  body: { fontSize: 10.5, leading: 1.4 },
  note: { fontSize: 8.2, leading: 1.28 },
  finding: { fontSize: 10, leading: 1.35 },
  caption: { fontSize: 9.5, leading: 1.25 },
  source: { fontSize: 7.5, leading: 1.3 },
  heading: { fontSize: 14.5, leading: 1.2 },
  small: { fontSize: 8 },
};

/**
 * Vertical space on one scale: multiples of the body's baseline distance
 * (10.5 pt × 1.4 = 14.7 pt), so blocks start on a rhythm the eye can follow.
 */
const line = type.body.fontSize * type.body.leading;
export const space = {
  paragraph: line / 2,
  beforeHeading: line * 1.25,
  afterHeading: line / 2,
  beforeFigure: line / 2,
  afterFigure: line * 0.75,
  finding: line / 3,
};

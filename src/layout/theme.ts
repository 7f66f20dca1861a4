// Page geometry, type sizes and colours: the house style in one place.
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

export const type = {
  body: { fontSize: 10.5, lineHeight: 1.36 },
  note: { fontSize: 8.2, lineHeight: 1.22 },
  heading: { fontSize: 14.5 },
  small: { fontSize: 8 },
};

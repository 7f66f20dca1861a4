// Page geometry, type sizes and colours: the house style in one place.
export const page = {
  size: 'A4' as const,
  width: 595.28,
  height: 841.89,
  margins: { left: 78, right: 78, top: 74, bottom: 70 },
};
export const bodyWidth = page.width - page.margins.left - page.margins.right;

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

// A chart's SVG is untrusted markup (vega writes it from data): only drawing
// passes into the web page. Hand-written hostile SVGs, not vega's output.
import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { inlineSvg } from '../../src/html/svg.ts';

const wrap = (inner: string, attrs = '') => `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150" viewBox="0 0 300 150"${attrs}>${inner}</svg>`;
const clean = (svg: string) => inlineSvg(svg, { idPrefix: 'figure-1-', alt: 'A bar chart <of> "things" & more' });

test('scripts, foreign content, images and styles go with everything inside them', () => {
  const out = clean(wrap('<script>alert(1)</script><foreignObject><div>hi</div></foreignObject><image href="https://example.org/x.png"/><style>*{}</style><rect width="10" height="10"/>'));
  expect(out).not.toMatch(/script|alert|foreignObject|<div|image|example\.org|style/);
  expect(out).toContain('<rect width="10" height="10">');
});

test('event handlers, links and outside URLs are dropped; a link’s marks stay', () => {
  const out = clean(wrap('<a href="javascript:alert(1)" xlink:href="https://evil.example"><rect onclick="alert(1)" fill="url(https://evil.example/x)" width="5" height="5" stroke="red"/></a><g onload="x()" clip-path="url(#clip1)"><path d="M0,0h5"/></g>'));
  expect(out).not.toMatch(/javascript|evil|onclick|onload|href|<a/);
  expect(out).toContain('<rect width="5" height="5" stroke="red">');
  expect(out).toContain('<g clip-path="url(#figure-1-clip1)">');
});

test('ids are prefixed for the figure and the root is one image named by the alt text, escaped', () => {
  const out = clean(wrap('<defs><clipPath id="clip1"><rect width="1" height="1"/></clipPath></defs><text font-family="Source Sans 3" font-size="10">3 &lt; 4 &amp; "so"</text>'));
  const { document } = parseHTML(`<body>${out}</body>`);
  const svg = document.querySelector('svg')!;
  expect(svg.getAttribute('role')).toBe('img');
  expect(svg.getAttribute('width')).toBe('400'); // 300 pt at 96 px per 72 pt
  const title = document.getElementById(svg.getAttribute('aria-labelledby')!)!;
  expect(title.textContent).toBe('A bar chart <of> "things" & more');
  expect(document.querySelector('clipPath')!.getAttribute('id')).toBe('figure-1-clip1');
  const text = document.querySelector('text')!;
  expect(text.textContent).toBe('3 < 4 & "so"');
  // A family with a word that starts with a digit must be quoted in CSS, or the browser drops it.
  expect(text.getAttribute('font-family')).toBe('"Source Sans 3"');
  expect(out).not.toContain('<title>A bar chart <of>');
});

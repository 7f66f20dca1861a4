// HTML stage: the web edition, a second writer on the same document model as
// the PDF. One self-contained file: the stylesheet, the fonts (subsets) and the
// charts (inline SVG) are inside it, no script, and a Content-Security-Policy
// that forbids scripts and every remote load.
import { createHash } from 'node:crypto';
import type { BriefDocument, Block, FigureInfo, Inline, Note, Section } from '../model/types.ts';
import type { ChartImages } from '../charts/renderCharts.ts';
import type { Cache } from '../cache/cache.ts';
import { el, esc, tag } from './escape.ts';
import { inlineHtml } from './inlines.ts';
import { inlineSvg } from './svg.ts';
import { fontFaces } from './fonts.ts';
import { STYLESHEET } from './styles.ts';

export interface HtmlOptions {
  /** Open items remain: the page says it is a draft. */
  draft: boolean;
  cache?: Cache;
}

export async function renderHtml(doc: BriefDocument, charts: ChartImages, options: HtmlOptions): Promise<string> {
  const body = [cover(doc, options.draft), `<main id="main" class="wrap">`, findings(doc), contents(doc), ...doc.sections.map((s) => section(doc, s, charts)), bibliography(doc), `</main>`, colophon(doc)].join('\n');
  const style = `${await fontFaces(visibleCharacters(body), options.cache)}\n${STYLESHEET}`;
  // The one style element is allowed by its hash; nothing else may load or run.
  const styleHash = createHash('sha256').update(style).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'`;
  const meta = doc.meta;
  return [
    '<!doctype html>',
    `<html lang="${esc(meta.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    tag('meta', { 'http-equiv': 'Content-Security-Policy', content: csp }),
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(meta.title)}</title>`,
    tag('meta', { name: 'description', content: meta.subject }),
    tag('meta', { name: 'keywords', content: meta.keywords.join(', ') }),
    ...(meta.author ? [tag('meta', { name: 'author', content: meta.author })] : []),
    '<meta name="generator" content="policy-brief">',
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to the brief</a>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function cover(doc: BriefDocument, draft: boolean): string {
  const [series = '', ...rest] = doc.cover.lines;
  return el('header', { class: 'cover' }, el('div', { class: 'wrap' }, [
    el('p', { class: 'series' }, esc(series)),
    el('h1', {}, esc(doc.cover.title)),
    el('p', { class: 'subtitle' }, esc(doc.cover.subtitle)),
    rest.length ? el('p', { class: 'lines' }, rest.map(esc).join('<br>')) : '',
    draft ? el('p', { class: 'draft' }, 'Draft — open items remain; not for distribution') : '',
  ].join('')));
}

function findings(doc: BriefDocument): string {
  if (!doc.keyFindings.length) return '';
  const items = doc.keyFindings.map((f) => el('li', {}, inlineHtml(f))).join('');
  return el('section', { class: 'findings', 'aria-labelledby': 'key-findings' }, `<h2 id="key-findings">Key findings</h2><ul>${items}</ul>${notesAfter(doc, doc.keyFindings.flat())}`);
}

function contents(doc: BriefDocument): string {
  const entries = [...doc.sections.map((s) => ({ id: `section-${s.id}`, heading: s.heading })), ...(doc.bibliography.length ? [{ id: 'bibliography', heading: 'Bibliography' }] : [])];
  const items = entries.map((e) => el('li', {}, el('a', { href: `#${e.id}` }, esc(e.heading)))).join('');
  return el('nav', { class: 'contents', 'aria-labelledby': 'contents' }, `<h2 id="contents">Contents</h2><ol>${items}</ol>`);
}

/** A section: its paragraphs and figures, each paragraph followed by the notes it cites (CSS decides where they show). */
function section(doc: BriefDocument, s: Section, charts: ChartImages): string {
  const id = `section-${s.id}`;
  const blocks = s.blocks.map((b: Block) => (b.kind === 'figure'
    ? figure(doc.figures[b.number - 1], charts)
    : `${el('p', {}, inlineHtml(b.inlines))}${notesAfter(doc, b.inlines)}`));
  return el('section', { class: 'text', 'aria-labelledby': id }, `${el('h2', { id }, esc(s.heading))}\n${blocks.join('\n')}`);
}

/** The notes a run of inlines cites, in order, each linking back to its marker. */
function notesAfter(doc: BriefDocument, inlines: Inline[]): string {
  const numbers = noteNumbers(inlines);
  if (!numbers.length) return '';
  const notes = numbers.map((n) => note(doc.notes[n - 1], doc.meta.houseStyle.missingNote)).join('');
  return el('div', { class: 'notes' }, notes);
}

function noteNumbers(inlines: Inline[]): number[] {
  return inlines.flatMap((n) => (n.kind === 'noteRef' ? [n.number] : 'children' in n ? noteNumbers(n.children) : []));
}

function note(n: Note, missingNote: string): string {
  const back = el('a', { href: `#ref-${n.number}`, role: 'doc-backlink', class: 'num', 'aria-label': `Note ${n.number}, back to the text` }, String(n.number));
  const text = n.status === 'ok'
    ? inlineHtml(n.inlines)
    : el('span', { class: 'missing' }, esc(missingNote.replace('{context}', () => n.context)));
  return el('aside', { id: `note-${n.number}`, role: 'doc-footnote' }, `${back}${text}`);
}

function figure(info: FigureInfo, charts: ChartImages): string {
  const chart = charts.get(info.chartId)!;
  const id = `figure-${info.number}`;
  return el('figure', { id, 'aria-labelledby': `${id}-caption` }, [
    el('figcaption', { id: `${id}-caption` }, `<span class="label">Figure ${info.number}:</span> ${esc(info.caption)}`),
    // On a phone the chart keeps a readable size and scrolls sideways; focusable, so a keyboard can scroll it.
    el('div', { class: 'chart', tabindex: 0, role: 'group', 'aria-labelledby': `${id}-caption` }, inlineSvg(chart.svg, { idPrefix: `${id}-`, alt: info.alt })),
    el('p', { class: 'source' }, `<em>Source:</em> ${esc(info.source)}`),
    info.mapNote ? el('p', { class: 'source' }, `<em>Note:</em> ${esc(info.mapNote)}`) : '',
  ].join(''));
}

function bibliography(doc: BriefDocument): string {
  if (!doc.bibliography.length) return '';
  return el('section', { class: 'bibliography', 'aria-labelledby': 'bibliography' }, `<h2 id="bibliography">Bibliography</h2>${doc.bibliography.map((e) => el('p', {}, inlineHtml(e))).join('')}`);
}

function colophon(doc: BriefDocument): string {
  const parts = [doc.meta.series, doc.meta.publisher, doc.meta.author].filter((p): p is string => !!p);
  return el('footer', { class: 'colophon' }, el('div', { class: 'wrap' }, esc(parts.join(' · '))));
}

/** Every character the page shows as text: what the font subsets must hold. */
export function visibleCharacters(html: string): Set<string> {
  const text = html.replace(/<title[^>]*>[\s\S]*?<\/title>/g, ' ').replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
  return new Set([...text, ...'0123456789']);
}

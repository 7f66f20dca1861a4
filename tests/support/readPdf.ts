// Reads a PDF back with unpdf (pure JS pdf.js): text items with their page,
// position and size, so tests can assert what a reader sees and where.
import { getDocumentProxy } from 'unpdf';

export interface TextItem {
  page: number;
  text: string;
  x: number;
  /** Baseline, from the top of the page (PDF y is from the bottom). */
  y: number;
  size: number;
  font: string;
  width: number;
}

export interface PdfText {
  pages: number;
  pageHeight: number;
  items: TextItem[];
  /** `uri` is the raw /URI of a link annotation, whatever its scheme (pdf.js keeps only http(s) in `url`). */
  links: { page: number; uri?: string; dest?: unknown; rect: number[] }[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const items: TextItem[] = [];
  const links: PdfText['links'] = [];
  let pageHeight = 0;
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const view = page.view;
    pageHeight = view[3] - view[1];
    const content = await page.getTextContent();
    for (const it of content.items as { str: string; transform: number[]; width: number; fontName: string }[]) {
      if (!('str' in it) || it.str === '') continue;
      items.push({
        page: p,
        text: it.str,
        x: it.transform[4],
        y: pageHeight - it.transform[5],
        size: Math.hypot(it.transform[2], it.transform[3]),
        font: it.fontName,
        width: it.width,
      });
    }
    for (const a of (await page.getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string; dest?: unknown; rect: number[] }[]) {
      if (a.subtype === 'Link') links.push({ page: p, uri: a.unsafeUrl ?? a.url, dest: a.dest, rect: a.rect });
    }
  }
  return { pages: pdf.numPages, pageHeight, items, links };
}

/**
 * Joins items into running text as a reader would copy it: items on one line
 * run together, lines join with a space, except after a line-end hyphen or
 * slash (a break inside a compound or a URL).
 */
export function joinText(items: TextItem[]): string {
  let out = '';
  let last: TextItem | undefined;
  for (const it of items) {
    const sameLine = last && last.page === it.page && Math.abs(last.y - it.y) < 2;
    if (last && !sameLine && !/[-/]$/.test(out)) out += ' ';
    out += it.text;
    last = it;
  }
  return normalise(out);
}

export function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/ ([,.;:)’”])/g, '$1').trim();
}

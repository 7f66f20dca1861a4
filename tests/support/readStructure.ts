// Reads a tagged PDF's structure back: pdf.js's structure tree and marked
// content for roles, alt text and reading order, and the raw file for what
// pdf.js does not expose (element IDs, annotation keys, content operators).
import { inflateSync } from 'node:zlib';
import { getDocumentProxy } from 'unpdf';

export interface StructNode {
  role: string;
  alt?: string;
  /** The text of this element's own content and its descendants', in order. */
  text: string;
  children: StructNode[];
  /** Annotations (links) this element owns. */
  objects: number;
  page: number;
}

/** Each page's structure tree (pdf.js builds one per page, with the ancestors of that page's content). */
export async function readStructure(bytes: Uint8Array): Promise<StructNode[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const roots: StructNode[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const texts = new Map<string, string>();
    const open: string[] = [];
    for (const item of content.items as { type?: string; id?: string; str?: string }[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? '');
      else if (item.type === 'endMarkedContent') open.pop();
      else if (item.str !== undefined) {
        const id = open.find((o) => o) ?? '';
        texts.set(id, (texts.get(id) ?? '') + item.str);
      }
    }
    type Raw = { role?: string; alt?: string; type?: string; id?: string; children?: Raw[] };
    const convert = (n: Raw): StructNode => {
      const children: StructNode[] = [];
      let text = '';
      let objects = 0;
      for (const c of n.children ?? []) {
        if (c.type === 'content') text += texts.get(c.id ?? '') ?? '';
        else if (c.type === 'object') objects++;
        else {
          const child = convert(c);
          children.push(child);
          text += child.text;
        }
      }
      return { role: n.role ?? '', alt: n.alt, text, children, objects, page: p };
    };
    const tree = (await page.getStructTree()) as Raw | null;
    if (tree) roots.push(convert(tree));
  }
  return roots;
}

/** Every element of the trees, depth first, in reading order. */
export function elements(roots: StructNode[]): StructNode[] {
  const out: StructNode[] = [];
  const walk = (n: StructNode) => {
    out.push(n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

/** The PDF's bytes as text, for what is written uncompressed: dictionaries, XMP. */
export const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** The dictionaries of the file's objects, by object number (uncompressed ones only). */
export function objects(bytes: Uint8Array): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of latin1(bytes).matchAll(/(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*(?:endobj|stream)/g)) out.set(Number(m[1]), m[2]);
  return out;
}

/** Each page's content stream, inflated. */
export function pageContents(bytes: Uint8Array): string[] {
  const text = latin1(bytes);
  const dicts = objects(bytes);
  const out: string[] = [];
  for (const dict of dicts.values()) {
    if (!/\/Type \/Page\b/.test(dict)) continue;
    const ref = /\/Contents (\d+) 0 R/.exec(dict);
    if (!ref) continue;
    const start = text.indexOf(`\n${ref[1]} 0 obj`) >= 0 ? text.indexOf(`\n${ref[1]} 0 obj`) : text.indexOf(`${ref[1]} 0 obj`);
    const streamAt = text.indexOf('stream', start) + 'stream'.length;
    const body = text.slice(streamAt).replace(/^\r?\n/, '');
    const end = body.indexOf('endstream');
    out.push(inflateSync(Buffer.from(body.slice(0, end), 'latin1')).toString('latin1'));
  }
  return out;
}

/**
 * The content operators that paint (text, paths, images, shadings), each with
 * the marked-content tags open around it.
 */
export function paintingOperators(stream: string): { op: string; open: string[] }[] {
  const clean = stream
    .replace(/\((?:\\.|[^\\)])*\)/g, ' () ') // literal strings
    .replace(/<<[^]*?>>/g, ' <<>> ') // inline dictionaries (marked-content properties)
    .replace(/<[0-9A-Fa-f\s]*>/g, ' <> '); // hex strings
  const open: string[] = [];
  const out: { op: string; open: string[] }[] = [];
  let lastName = '';
  for (const token of clean.split(/[\s[\]]+/)) {
    if (token.startsWith('/')) lastName = token.slice(1);
    if (token === 'BDC' || token === 'BMC') open.push(lastName);
    else if (token === 'EMC') open.pop();
    else if (['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'sh', 'Do'].includes(token)) out.push({ op: token, open: [...open] });
  }
  return out;
}

// Tagged PDF: every drawn thing is either content of a structure element (in
// the reading order of layout/structure.ts) or an Artifact, through pdfkit's
// own structure API. pdfmake passes only the document-level flags.
//
// What it hooks, and why:
// - LayoutBuilder.layoutDocument: takes the structure plan off the document
//   root, onto the pdfkit document the renderer draws into.
// - Renderer.renderPages: starts the Document element, gives links their
//   structure parent and description, fixes the XMP, and marks words broken
//   at a line end with their whole text (/ActualText).
// - Renderer.renderLine: draws a line as runs of words that belong to one
//   element (and one link), each run one marked-content sequence; words with
//   no element (running head and foot, the draft mark) are Artifacts.
// - Renderer.renderVector: rules, fills and backgrounds are Artifacts; the
//   bullets pdfmake draws for the findings list are their items' labels.
// - Renderer.renderSVG: a chart is the content of its Figure, whose box is
//   known only here.
import type { Structure, StructNode } from '../../layout/structure.ts';
import { internals, lineWith, type Any, type Hooked, type Inline, type Line, type Page } from './internals.ts';

export const hooked: Hooked[] = [
  ['LayoutBuilder', 'layoutDocument', 'this.tryLayoutDocument(docStructure'],
  ['Renderer', 'renderPages', 'this.renderLine(item.item, item.item.x, item.item.y)'],
  ['Renderer', 'renderLine', 'this.pdfDocument.text(inline.text, x + inline.x, shiftedY, options)'],
  ['Renderer', 'renderVector', 'this.pdfDocument.lineWidth'],
  ['Renderer', 'renderSVG', 'this.pdfDocument, svg.svg, svg.x, svg.y, options'],
];

/** Document-level facts the XMP metadata needs beside pdfkit's own. */
export interface TaggingMetadata {
  language: string;
  /** dc:creator: the author, or where the paper names none, the publisher or series. */
  creator: string;
}

export function install(): void {
  const LB = internals.LayoutBuilder().prototype;
  const R = internals.Renderer().prototype;

  const layoutDocument = LB.layoutDocument;
  LB.layoutDocument = function (this: Any, docStructure: Any, pdfDocument: Any, ...rest: Any[]) {
    if (docStructure?.structure) pdfDocument._briefStructure = { structure: docStructure.structure, metadata: docStructure.metadata };
    return layoutDocument.call(this, docStructure, pdfDocument, ...rest);
  };

  const renderPages = R.renderPages;
  R.renderPages = function (this: Any, pages: Page[]) {
    const plan = this.pdfDocument._briefStructure as { structure: Structure; metadata: TaggingMetadata } | undefined;
    if (!plan) return renderPages.call(this, pages);
    markBrokenWords(pages, plan.structure);
    this._tagger = new Tagger(this.pdfDocument, plan.structure);
    fixMetadata(this.pdfDocument, plan.metadata);
    try {
      return renderPages.call(this, pages);
    } finally {
      this._tagger = undefined;
    }
  };

  const renderLine = R.renderLine;
  R.renderLine = function (this: Any, line: Line, x: number, y: number) {
    const tagger: Tagger | undefined = this._tagger;
    if (!tagger) return renderLine.call(this, line, x, y);
    let first = true;
    for (const run of tagger.runs(line)) {
      tagger.open(run);
      for (const part of splitAtActualText(run.inlines)) {
        const sub = lineWith(line, part.inlines, first);
        first = false;
        if (part.actual !== undefined) this.pdfDocument.addContent(`/Span <</ActualText ${pdfTextString(part.actual)}>> BDC`);
        renderLine.call(this, sub, x, y);
        if (part.actual !== undefined) this.pdfDocument.addContent('EMC');
      }
      tagger.close();
    }
    return undefined;
  };

  const renderVector = R.renderVector;
  R.renderVector = function (this: Any, vector: Any) {
    const tagger: Tagger | undefined = this._tagger;
    if (!tagger) return renderVector.call(this, vector);
    const bullet = vector.type === 'ellipse' ? tagger.nextBullet() : undefined;
    tagger.drawAs(bullet, 'Layout', () => renderVector.call(this, vector));
    return undefined;
  };

  const renderSVG = R.renderSVG;
  R.renderSVG = function (this: Any, svg: Any) {
    const tagger: Tagger | undefined = this._tagger;
    if (!tagger) return renderSVG.call(this, svg);
    if (svg.tag) tagger.setBox(svg.tag, svg.x, svg.y, svg._width, svg._height);
    tagger.drawAs(svg.tag, 'Layout', () => renderSVG.call(this, svg));
    return undefined;
  };
}

/** A run of a line's words drawn as one marked-content sequence. */
interface Run {
  /** The structure element's key; none for an Artifact. */
  key?: string;
  /** A URL or an internal destination the run links to. */
  link?: string;
  destination?: string;
  inlines: Inline[];
}

type Element = Any; // pdfkit's PDFStructureElement

/** Creates structure elements as their content is drawn, under the parents the plan gives. */
class Tagger {
  private readonly elements = new Map<string, Element>();
  private readonly root: Element;
  private readonly followers = new Map<string, string[]>();
  private readonly eager = new Map<string, string[]>();
  private bullets = 0;
  private open_: { content?: Any; target?: Element; link?: Element; artifact?: boolean } = {};

  constructor(private readonly doc: Any, private readonly structure: Structure) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    for (const [key, node] of Object.entries(structure.nodes)) {
      if (node.after) this.followers.set(node.after, [...(this.followers.get(node.after) ?? []), key]);
      if (node.eager && node.parent) this.eager.set(node.parent, [...(this.eager.get(node.parent) ?? []), key]);
    }
    // pdfkit gives a link annotation a structure parent only for URL links, and an empty /Contents.
    const tagger = this;
    const link = doc.link;
    doc.link = function (this: Any, x: number, y: number, w: number, h: number, url: Any, options: Any = {}) {
      if (options.structParent) options.Contents = new String(tagger.linkDescription ?? String(url));
      return link.call(this, x, y, w, h, url, options);
    };
    const goTo = doc.goTo;
    doc.goTo = function (this: Any, x: number, y: number, w: number, h: number, name: string, options: Any = {}) {
      const parent = tagger.open_.link;
      if (parent) Object.assign(options, { structParent: parent, Contents: new String(tagger.linkDescription ?? name) });
      return goTo.call(this, x, y, w, h, name, options);
    };
  }

  private linkDescription?: string;

  /** The element for a key, created (with its ancestors) on first use. */
  element(key: string): Element {
    const existing = this.elements.get(key);
    if (existing) return existing;
    const node: StructNode | undefined = this.structure.nodes[key];
    if (!node) throw new Error(`tagging: the layout drew content for "${key}", which the structure plan does not have`);
    const parent = node.parent ? this.element(node.parent) : this.root;
    const element = this.doc.struct(node.role, node.alt ? { alt: node.alt } : {});
    if (node.id) element.dictionary.data.ID = new String(node.id);
    parent.add(element);
    this.elements.set(key, element);
    for (const child of this.eager.get(key) ?? []) this.element(child);
    for (const follower of this.followers.get(key) ?? []) this.element(follower);
    return element;
  }

  /** A line's words, in runs that share an element and a link. */
  runs(line: Line): Run[] {
    const out: Run[] = [];
    for (const inline of line.inlines) {
      const destination = inline.linkToDestination;
      // pdfmake builds the contents lines from the headings' own runs: they are known by where they lead.
      const key = (destination && this.structure.tocEntries[destination]) || inline.tag;
      const last = out[out.length - 1];
      if (last && last.key === key && last.link === inline.link && last.destination === destination) last.inlines.push(inline);
      else out.push({ key, link: inline.link, destination, inlines: [inline] });
    }
    return out;
  }

  open(run: Run): void {
    if (!run.key) {
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.open_ = { artifact: true };
      return;
    }
    const element = this.element(run.key);
    let target = element;
    let link: Element | undefined;
    if (run.link || run.destination) {
      link = this.doc.struct('Link');
      element.add(link);
      target = link;
      this.linkDescription = run.link ?? this.structure.nodes[run.key].label ?? run.inlines.map((i) => i.text).join('').trim();
      this.doc._currentStructureElement = link;
    }
    const role = link ? 'Link' : this.structure.nodes[run.key].role;
    this.open_ = { content: this.doc.markStructureContent(role), target, link };
  }

  close(): void {
    this.doc.endMarkedContent();
    const { content, target, link } = this.open_;
    if (content) target.add(content);
    if (link) {
      // Ended now, it is written now, with the page its annotations are on.
      link.end();
      this.doc._currentStructureElement = undefined;
      this.linkDescription = undefined;
    }
    this.open_ = {};
  }

  /** Draws a non-text item as content of an element, or as an Artifact of the given type. */
  drawAs(key: string | undefined, artifact: 'Layout' | 'Pagination', draw: () => void): void {
    if (key) {
      const element = this.element(key);
      const content = this.doc.markStructureContent(this.structure.nodes[key].role);
      draw();
      this.doc.endMarkedContent();
      element.add(content);
    } else {
      this.doc.markContent('Artifact', { type: artifact });
      draw();
      this.doc.endMarkedContent();
    }
  }

  nextBullet(): string | undefined {
    return this.structure.bullets[this.bullets++];
  }

  /** A figure's bounding box, in PDF coordinates, as a Layout attribute. */
  setBox(key: string, x: number, y: number, width: number, height: number): void {
    const h = this.doc.page.height;
    this.element(key).dictionary.data.A = { O: 'Layout', Placement: 'Block', BBox: [x, h - y - height, x + width, h - y] };
  }
}

/** Splits a run where a word carries the whole text of a word broken at a line end. */
function splitAtActualText(inlines: Inline[]): { inlines: Inline[]; actual?: string }[] {
  const parts: { inlines: Inline[]; actual?: string }[] = [];
  for (const inline of inlines) {
    const actual = inline._actualText as string | undefined;
    const last = parts[parts.length - 1];
    if (actual !== undefined) parts.push({ inlines: [inline], actual });
    else if (last && last.actual === undefined) last.inlines.push(inline);
    else parts.push({ inlines: [inline] });
  }
  return parts;
}

/**
 * A word broken at a line end reads whole. Hyphenation leaves a word in
 * pieces, one inline each ("ar", "ti-" | "fi", "cial "): the first piece
 * carries the whole word, the other pieces nothing, and the last piece on the
 * next line (of the same element) only what follows the word.
 */
function markBrokenWords(pages: Page[], structure: Structure): void {
  const lines = pages.flatMap((p) => p.items.filter((i) => i.type === 'line').map((i) => i.item as Line));
  const keyOf = (i: Inline | undefined) => (i?.linkToDestination && structure.tocEntries[i.linkToDestination]) || i?.tag;
  const letters = /^[\p{L}\p{M}\u2019']*/u;
  lines.forEach((line, n) => {
    const end = line.inlines.length - 1;
    if (!line.inlines[end]?._hyphenDrawn || !keyOf(line.inlines[end])) return;
    const next = lines.slice(n + 1).find((l) => keyOf(l.inlines[0]) === keyOf(line.inlines[end]));
    if (!next) return;
    let first = end;
    // Pieces of one word have no space between them (the first may open with a quotation mark).
    while (first > 0 && !/\s$/.test(line.inlines[first - 1].text)) first--;
    const before = line.inlines.slice(first);
    let last = 0;
    while (last < next.inlines.length - 1 && /^[\p{L}\p{M}\u2019']+$/u.test(next.inlines[last].text)) last++;
    const after = next.inlines.slice(0, last + 1);
    const tail = letters.exec(after[after.length - 1].text)![0];
    const word = before.map((i) => i.text).join('').replace(/-$/, '') + after.slice(0, -1).map((i) => i.text).join('') + tail;
    before.forEach((i, k) => (i._actualText = k === 0 ? word : ''));
    after.forEach((i, k) => (i._actualText = k === after.length - 1 ? i.text.slice(tail.length) : ''));
  });
}

/** A PDF text string for a content stream: UTF-16BE in hex, so any character is safe. */
function pdfTextString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** XMP: dc:language and dc:creator added, and every value pdfkit writes escaped for XML. */
function fixMetadata(doc: Any, metadata: TaggingMetadata): void {
  const addInfo = doc._addInfo;
  doc._addInfo = function (this: Any) {
    const saved = { ...this.info };
    for (const k of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']) {
      if (this.info[k] != null) this.info[k] = escapeXml(String(this.info[k]));
    }
    try {
      addInfo.call(this);
    } finally {
      this.info = saved;
    }
    this.appendXML(`
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:language><rdf:Bag><rdf:li>${escapeXml(metadata.language)}</rdf:li></rdf:Bag></dc:language>${saved.Author ? '' : `
            <dc:creator><rdf:Seq><rdf:li>${escapeXml(metadata.creator)}</rdf:li></rdf:Seq></dc:creator>`}
        </rdf:Description>
        `);
  };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

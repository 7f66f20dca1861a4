// Footnotes at the bottom of the page that cites them, figures that float to
// the next page, keep-with-next headings and no widows or orphans: all placed
// in pdfmake's single layout pass. The arithmetic of note areas is in
// layout/footnotePlacement.ts; this file feeds it pdfmake's lines.
//
// What it hooks, and why:
// - LayoutBuilder.tryLayoutDocument: starts and ends one layout's note state.
// - LayoutBuilder.processNode: sees the document root (which carries the
//   notes), measures the notes once, and caps the main DocumentContext's
//   `availableHeight` at the top of each page's note area.
// - DocumentContext#moveDown (on the main context only): pdfmake moves `y`
//   before lowering `availableHeight`; with a capped getter that would
//   subtract twice.
// - LayoutBuilder.processLeaf: breaks a body paragraph into lines first, so
//   page breaks can respect widows, orphans and keep-with-next.
// - PageElementWriter.addLine: reserves room for a line's notes before the
//   fit check, and places the notes once the line has landed.
// - LayoutBuilder.addHeadersAndFooters: places figures still waiting, flushes
//   carried notes and draws every page's rule and note lines as page items.
// - PageElementWriter.moveToNextPage: a figure (a node with `float: true`)
//   that did not fit where it was placed goes to the top of the next page,
//   while the text runs on, as LaTeX floats figures.
import { FootnotePlacement, type NoteGeometry } from '../../layout/footnotePlacement.ts';
import { internals, type Any, type Hooked } from './internals.ts';

export const hooked: Hooked[] = [
  ['LayoutBuilder', 'tryLayoutDocument', 'this.processNode(docStructure)'],
  ['LayoutBuilder', 'processNode', 'applyMargins'],
  ['LayoutBuilder', 'processLeaf', 'this.buildNextLine(node)'],
  ['LayoutBuilder', 'buildNextLine', 'lastLineInParagraph'],
  ['LayoutBuilder', 'addHeadersAndFooters', 'addDynamicRepeatable'],
  ['PageElementWriter', 'addLine', '_fitOnPage'],
  ['PageElementWriter', 'moveToNextPage', 'repeatables'],
  ['DocMeasure', 'measureSVG', '_height'],
  ['ElementWriter', 'pushContext', 'new _DocumentContext'],
  ['DocumentContext', 'moveDown', 'this.availableHeight -= offset'],
  ['DocumentContext', 'initializePage', 'this.availableHeight ='],
];

/** What the layout needs about notes, carried on the document root. */
export interface FootnoteSpec {
  /** pdfmake text nodes, by note number. */
  notes: Record<number, Any>;
  geometry: NoteGeometry;
  rule: { width: number; lineWidth: number; color: string };
}

let layoutMs = 0;

/** How long pdfmake's last page layout took (notes included), for the bench. */
export function lastLayoutMs(): number {
  return layoutMs;
}

export function install(): void {
  const LB = internals.LayoutBuilder().prototype;
  const PEW = internals.PageElementWriter().prototype;

  const tryLayoutDocument = LB.tryLayoutDocument;
  LB.tryLayoutDocument = function (this: Any, ...args: Any[]) {
    this._notes = undefined;
    const started = performance.now();
    try {
      return tryLayoutDocument.apply(this, args);
    } finally {
      this._notes = undefined;
      layoutMs = performance.now() - started;
    }
  };

  const processNode = LB.processNode;
  LB.processNode = function (this: Any, node: Any, ...rest: Any[]) {
    if (node && node.footnoteSpec && !this._notes) this._notes = new NoteLayout(this, node.footnoteSpec);
    if (node && Array.isArray(node.stack)) linkKeepWithNext(node.stack);
    if (node?.float && this._notes?.deferFloat(node)) {
      node.positions ??= []; // its container collects positions; the real ones come when it is placed
      return undefined;
    }
    return processNode.call(this, node, ...rest);
  };

  const addHeadersAndFooters = LB.addHeadersAndFooters;
  LB.addHeadersAndFooters = function (this: Any, ...args: Any[]) {
    this._notes?.placeFloats();
    this._notes?.finish();
    return addHeadersAndFooters.apply(this, args);
  };

  // ---- paragraphs: widows, orphans, keep-with-next --------------------------
  const processLeaf = LB.processLeaf;
  const buildNextLine = LB.buildNextLine;
  LB.processLeaf = function (this: Any, node: Any) {
    const notes: NoteLayout | undefined = this._notes;
    if (!notes || !notes.inBodyFlow()) return processLeaf.call(this, node);
    const lines: Any[] = [];
    for (let line; (line = buildNextLine.call(this, node)); ) lines.push(line);
    const flow = { node, lines, breakAt: -1, planPage: -1 };
    lines.forEach((line, i) => {
      line._flow = flow;
      line._flowIndex = i;
    });
    let next = 0;
    // A float placed at a page break lays out its own text in the middle of
    // this paragraph: restore, rather than delete, whatever was here before.
    const outer = Object.getOwnPropertyDescriptor(this, 'buildNextLine');
    // Only this node's lines: a float placed meanwhile builds its own.
    this.buildNextLine = (n: Any) => (n !== node ? buildNextLine.call(this, n) : next < lines.length ? lines[next++] : null);
    try {
      return processLeaf.call(this, node);
    } finally {
      if (outer) Object.defineProperty(this, 'buildNextLine', outer);
      else delete this.buildNextLine;
    }
  };

  // ---- floats: a figure that does not fit waits for the top of the next page
  const moveToNextPage = PEW.moveToNextPage;
  PEW.moveToNextPage = function (this: Any, ...args: Any[]) {
    const result = moveToNextPage.apply(this, args);
    const notes: NoteLayout | undefined = this._noteLayout;
    if (notes && this.context() === notes.ctx) notes.placeFloats();
    return result;
  };

  // ---- lines: note room, then note placement --------------------------------
  const addLine = PEW.addLine;
  PEW.addLine = function (this: Any, line: Any, ...rest: Any[]) {
    const notes: NoteLayout | undefined = this._noteLayout;
    if (!notes || this.context() !== notes.ctx) return addLine.call(this, line, ...rest);
    notes.beforeLine(this, line);
    const position = addLine.call(this, line, ...rest);
    if (position) notes.afterLine(line);
    return position;
  };
}

/** A figure's height before layout: its SVG, its text lines estimated from their measured width, its margins. */
function floatHeight(node: Any, width: number): number {
  const margin = (n: Any) => (n._margin?.[1] ?? 0) + (n._margin?.[3] ?? 0);
  const part = (n: Any): number => {
    if (n.svg || n.canvas) return (n._height ?? 0) + margin(n) + (n.canvas ? 6 : 0);
    if (n.stack) return n.stack.reduce((h: number, c: Any) => h + part(c), 0) + margin(n);
    const first = n._inlines?.[0];
    return first ? Math.ceil((n._maxWidth ?? 0) / width + 0.01) * first.height + margin(n) : margin(n);
  };
  return part(node);
}

/** A line that ends inside a word: at a hyphenation point, or at the hyphen of a compound ("anti-"). */
function endsHyphenated(line: Any): boolean {
  const last = line.inlines?.[line.inlines.length - 1];
  return Boolean(last?._softBreak || last?._hyphenDrawn || (!last?.link && /\p{L}-$/u.test(last?.text ?? '')));
}

/** Tells each keep-with-next heading which node follows it. */
function linkKeepWithNext(stack: Any[]): void {
  for (let i = 0; i < stack.length - 1; i++) if (stack[i]?.keepWithNext) stack[i]._keepNext = stack[i + 1];
}

/** One layout's footnotes: measured notes, the page areas, and the hooks' logic. */
class NoteLayout {
  readonly ctx: Any;
  private readonly placement: FootnotePlacement<Any>;
  /** For each note, the body line that cites it: its back-link target. */
  private readonly citedBy = new Map<number, Any>();

  constructor(private readonly builder: Any, private readonly spec: FootnoteSpec) {
    const writer = builder.writer;
    this.ctx = writer.context();
    writer._noteLayout = this;
    const measured = new Map<number, { lines: Any[]; heights: number[] }>();
    for (const [key, node] of Object.entries(spec.notes)) {
      const lines = this.layOutNote(node);
      measured.set(Number(key), { lines, heights: lines.map((l) => l.getHeight()) });
    }
    this.placement = new FootnotePlacement(measured, spec.geometry, endsHyphenated);
    this.capAvailableHeight();
    this.ctx.on('pageAdded', () => this.placement.openPage(this.ctx.page));
  }

  private pendingFloats: Any[] = [];
  private placingFloats = false;

  /** Holds back a figure that will not fit in what is left of this page. */
  deferFloat(node: Any): boolean {
    if (this.placingFloats || !this.inBodyFlow()) return false;
    if (this.pendingFloats.length === 0 && (!this.pageHasContent() || floatHeight(node, this.ctx.availableWidth) <= this.ctx.availableHeight)) return false;
    this.pendingFloats.push(node);
    return true;
  }

  /** Figures held back go here, at the top of a fresh page (or at the end of the text). */
  placeFloats(): void {
    if (this.placingFloats || !this.pendingFloats.length) return;
    this.placingFloats = true;
    try {
      const waiting = this.pendingFloats;
      this.pendingFloats = [];
      for (const node of waiting) this.builder.processNode(node);
    } finally {
      this.placingFloats = false;
    }
  }

  /** True while laying out top-level flow on the main context (not in a table, column or header). */
  inBodyFlow(): boolean {
    return this.builder.writer.context() === this.ctx && this.ctx.snapshots.length === 0;
  }

  /** Notes are laid out by pdfmake itself, at body width, in a throw-away context. */
  private layOutNote(node: Any): Any[] {
    const builder = this.builder;
    const width = this.ctx.availableWidth;
    const measuredNode = builder.docMeasure.measureBlock(builder.docPreprocessor.preprocessBlock(node));
    builder.writer.pushContext(width, 1e7);
    try {
      builder.processNode(measuredNode);
      const lines = builder.writer.context().pages[0].items.filter((i: Any) => i.type === 'line').map((i: Any) => i.item);
      // Only the first line is the note's link target.
      lines.slice(1).forEach((l: Any) => delete l.id);
      return lines;
    } finally {
      builder.writer.popContext();
    }
  }

  /** The body may not run into the page's note area. */
  private capAvailableHeight(): void {
    const ctx = this.ctx;
    const placement = this.placement;
    let raw = ctx.availableHeight;
    const noteTop = () => {
      const page = ctx.getCurrentPage();
      return page.pageSize.height - ctx.pageMargins.bottom - placement.areaHeight(ctx.page);
    };
    Object.defineProperty(ctx, 'availableHeight', {
      configurable: true,
      get: () => Math.min(raw, noteTop() - ctx.y),
      set: (v: number) => {
        raw = v;
      },
    });
    ctx.moveDown = function (offset: number) {
      this.y += offset;
      raw -= offset;
      return this.availableHeight > 0;
    };
  }

  private pageHasContent(): boolean {
    const ctx = this.ctx;
    return ctx.getCurrentPage().items.length > (ctx.backgroundLength[ctx.page] ?? 0);
  }

  private notesOf(line: Any): number[] {
    return this.placement.fresh(line.inlines.filter((i: Any) => typeof i.noteRef === 'number').map((i: Any) => i.noteRef));
  }

  /** How many of `lines` from `from` fit on the current page, notes included. */
  private fitCount(lines: Any[], from: number, extraFirst = 0): number {
    let available = this.ctx.availableHeight - extraFirst;
    let hasNotes = this.placement.hasNotes(this.ctx.page);
    let k = 0;
    for (let j = from; j < lines.length; j++) {
      const numbers = this.notesOf(lines[j]);
      const h = lines[j].getHeight();
      if (h + this.placement.minimumFor(numbers, hasNotes) > available + 0.01) break;
      available -= h;
      if (numbers.length) {
        available -= Math.min(this.placement.fullFor(numbers, hasNotes), available);
        hasNotes = true;
      }
      k++;
    }
    return k;
  }

  /** Plans where a paragraph leaves this page, keeping two lines together at either end. */
  private planBreak(flow: Any, from: number): number {
    flow.planPage = this.ctx.page;
    const n = flow.lines.length;
    let k = this.fitCount(flow.lines, from);
    const rest = n - from;
    if (k >= rest) return Infinity;
    if (from === 0 && k === 1) k = 0; // orphan: a first line alone at the foot
    if (rest - k === 1 && k > 0) k -= 1; // widow: a last line alone at the head
    if (k > 0 && endsHyphenated(flow.lines[from + k - 1])) k -= 1; // no word hyphenated across the page end
    if (from === 0 && k === 1) k = 0; // pulling a line back made an orphan
    return from + k;
  }

  /** Room a heading needs below it: the next paragraph's first two lines. */
  private keepWithNextNeed(node: Any): number {
    const next = node._keepNext;
    const first = next?._inlines?.[0];
    if (!first) return 0;
    return (node._margin?.[3] ?? 0) + (next._margin?.[1] ?? 0) + 2 * first.height;
  }

  beforeLine(writer: Any, line: Any): void {
    const flow = line._flow;
    const i: number = line._flowIndex;
    if (flow && i === 0) {
      const headingNeed = flow.node.keepWithNext ? this.keepWithNextNeed(flow.node) : 0;
      const all = flow.lines.reduce((s: number, l: Any) => s + l.getHeight(), 0);
      if (headingNeed && this.pageHasContent() && all + headingNeed > this.ctx.availableHeight) writer.moveToNextPage();
      flow.breakAt = this.planBreak(flow, 0);
      if (flow.breakAt === 0 && this.pageHasContent()) {
        writer.moveToNextPage();
        flow.breakAt = this.planBreak(flow, 0);
      }
    } else if (flow) {
      // Only on the page the plan was made for: if pdfmake has already turned
      // the page (and placed a waiting figure at its top), turning it again
      // would leave the figure alone on a page.
      if (i === flow.breakAt && this.ctx.page === flow.planPage && this.pageHasContent()) writer.moveToNextPage();
      // A new page (ours, or pdfmake's own fit check) gets a fresh plan.
      if (this.ctx.page !== flow.planPage) flow.breakAt = this.planBreak(flow, i);
    }
    // Lines outside a planned flow (lists, the contents) still keep their notes' room.
    const numbers = this.notesOf(line);
    if (numbers.length && this.pageHasContent()) {
      const need = line.getHeight() + this.placement.minimumFor(numbers, this.placement.hasNotes(this.ctx.page));
      if (need > this.ctx.availableHeight + 0.01) writer.moveToNextPage();
    }
  }

  afterLine(line: Any): void {
    const numbers = this.notesOf(line);
    if (!numbers.length) return;
    for (const n of numbers) this.citedBy.set(n, line);
    this.placement.place(this.ctx.page, numbers, this.ctx.availableHeight);
  }

  /** After the body: pages for notes still waiting, then every note line drawn. */
  finish(): void {
    const writer = this.builder.writer;
    while (this.placement.carrying) writer.moveToNextPage();
    const ctx = this.ctx;
    const { geometry, rule } = this.spec;
    for (const pageIndex of this.placement.pagesWithNotes) {
      const page = ctx.pages[pageIndex];
      const left = page.pageMargins.left;
      let y = page.pageSize.height - page.pageMargins.bottom - this.placement.areaHeight(pageIndex);
      const ruleY = y + geometry.separator / 2;
      page.items.push({
        type: 'vector',
        item: { type: 'line', x1: left, y1: ruleY, x2: left + rule.width, y2: ruleY, lineWidth: rule.lineWidth, lineColor: rule.color },
      });
      y += geometry.separator;
      this.placement.chunks(pageIndex).forEach((chunk, c) => {
        if (c > 0) y += geometry.gap;
        if (!chunk.continued) this.linkBack(chunk.number, chunk.lines[0]);
        for (const line of chunk.lines) {
          line.x = left + (line.x ?? 0);
          line.y = y;
          y += line.getHeight();
          page.items.push({ type: 'line', item: line });
        }
      });
    }
  }

  /** The note's number links back to the line that cites it. */
  private linkBack(number: number, firstLine: Any): void {
    const citing = this.citedBy.get(number);
    if (!citing) return;
    citing.id ??= `ref-${number}`;
    const numberInline = firstLine.inlines.find((i: Any) => i.noteNumber === number);
    if (numberInline) numberInline.linkToDestination = citing.id;
  }
}

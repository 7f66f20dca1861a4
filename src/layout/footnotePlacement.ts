// Footnote placement, TeX-style, in one pass: the arithmetic of each page's
// note area. It knows note lines only by their heights, so it can be tested
// without pdfmake; pdf/pdfmake/footnotes.ts feeds it pdfmake's lines.
//
// Rules:
// - a body line that cites new notes lands on a page only if the page can
//   also hold the separator and, of each note, the whole note when it is
//   short or its first `minLines` lines when it is long;
// - after the line lands its notes are placed whole if they fit, otherwise
//   split: the rest opens the next page's note area (at most `maxCarry`
//   points of it per page, so a huge note cannot starve the text);
// - a note cited on a page always starts on that page, after any carried
//   continuation; continuations keep their order from page to page.

export interface NoteGeometry {
  /** Space above the first note on a page, rule included. */
  separator: number;
  /** Space between two notes. */
  gap: number;
  /** Lines of a long note that must stay with its marker. */
  minLines: number;
  /** A note of at most this many lines is never split. */
  shortLines: number;
  /** The most a page's area takes of carried-over note lines, in points. */
  maxCarry: number;
}

export interface Chunk<L> {
  number: number;
  lines: L[];
  heights: number[];
  /** A continuation of a note split on an earlier page. */
  continued: boolean;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const EPSILON = 0.01;

export class FootnotePlacement<L> {
  private readonly pages = new Map<number, Chunk<L>[]>();
  private carry: Chunk<L>[] = [];
  private readonly placed = new Set<number>();

  constructor(
    private readonly notes: ReadonlyMap<number, { lines: L[]; heights: number[] }>,
    private readonly geometry: NoteGeometry,
    /** A note is not split after a line that ends in a hyphenated word: no word runs across a page end. */
    private readonly endsHyphenated: (line: L) => boolean = () => false,
  ) {}

  /** Lines to keep of `lines` when `fit` of them fit: one fewer while the last kept ends hyphenated. */
  private splitAt(lines: L[], fit: number): number {
    if (fit <= 0 || fit >= lines.length) return fit;
    while (fit > 1 && this.endsHyphenated(lines[fit - 1])) fit--;
    return fit;
  }

  /** Height of a page's note area: 0 when it has none. */
  areaHeight(page: number): number {
    const chunks = this.pages.get(page) ?? [];
    if (!chunks.length) return 0;
    return this.geometry.separator + sum(chunks.map((c) => sum(c.heights))) + this.geometry.gap * (chunks.length - 1);
  }

  hasNotes(page: number): boolean {
    return (this.pages.get(page)?.length ?? 0) > 0;
  }

  chunks(page: number): readonly Chunk<L>[] {
    return this.pages.get(page) ?? [];
  }

  get pagesWithNotes(): number[] {
    return [...this.pages.keys()].filter((p) => this.hasNotes(p)).sort((a, b) => a - b);
  }

  get carrying(): boolean {
    return this.carry.length > 0;
  }

  /** The numbers among `numbers` whose notes are known and not yet placed. */
  fresh(numbers: number[]): number[] {
    return [...new Set(numbers)].filter((n) => this.notes.has(n) && !this.placed.has(n));
  }

  /** Least extra height the notes need on a page that has (or has not) notes already. */
  minimumFor(numbers: number[], hasNotes: boolean): number {
    return this.extra(numbers, hasNotes, (h) => (h.length <= this.geometry.shortLines ? sum(h) : sum(h.slice(0, this.geometry.minLines))));
  }

  /** Extra height the notes need to be placed whole. */
  fullFor(numbers: number[], hasNotes: boolean): number {
    return this.extra(numbers, hasNotes, sum);
  }

  private extra(numbers: number[], hasNotes: boolean, height: (h: number[]) => number): number {
    let total = 0;
    let first = !hasNotes;
    for (const n of numbers) {
      total += (first ? this.geometry.separator : this.geometry.gap) + height(this.notes.get(n)!.heights);
      first = false;
    }
    return total;
  }

  /**
   * Places the notes of a line that has just landed on `page`, where
   * `available` points remain between the text and the note area.
   * Returns the height the area grew by.
   */
  place(page: number, numbers: number[], available: number): number {
    const before = this.areaHeight(page);
    for (const n of numbers) {
      this.placed.add(n);
      const note = this.notes.get(n)!;
      const whole: Chunk<L> = { number: n, lines: note.lines, heights: note.heights, continued: false };
      const lead = this.hasNotes(page) ? this.geometry.gap : this.geometry.separator;
      const room = available - (this.areaHeight(page) - before) - lead;
      let fit = 0;
      for (let used = 0; fit < note.heights.length && used + note.heights[fit] <= room + EPSILON; fit++) used += note.heights[fit];
      fit = this.splitAt(note.lines, fit);
      if (fit === note.heights.length) this.add(page, whole);
      else if (fit === 0) this.carry.push(whole);
      else {
        this.add(page, { ...whole, lines: note.lines.slice(0, fit), heights: note.heights.slice(0, fit) });
        this.carry.push({ number: n, lines: note.lines.slice(fit), heights: note.heights.slice(fit), continued: true });
      }
    }
    return this.areaHeight(page) - before;
  }

  /** A new page opens: carried-over note lines start its area, up to maxCarry. */
  openPage(page: number): void {
    let budget = this.geometry.maxCarry - this.geometry.separator;
    const waiting = this.carry;
    this.carry = [];
    for (let i = 0; i < waiting.length; i++) {
      const c = waiting[i];
      const lead = this.hasNotes(page) ? this.geometry.gap : 0;
      let fit = 0;
      for (let used = lead; fit < c.heights.length && used + c.heights[fit] <= budget + EPSILON; fit++) used += c.heights[fit];
      // Always make progress on an empty area, however tall the line.
      if (fit === 0 && !this.hasNotes(page)) fit = 1;
      fit = this.splitAt(c.lines, fit);
      if (fit === 0) {
        this.carry = waiting.slice(i);
        return;
      }
      this.add(page, { ...c, lines: c.lines.slice(0, fit), heights: c.heights.slice(0, fit) });
      budget -= lead + sum(c.heights.slice(0, fit));
      if (fit < c.heights.length) {
        this.carry = [{ ...c, lines: c.lines.slice(fit), heights: c.heights.slice(fit), continued: true }, ...waiting.slice(i + 1)];
        return;
      }
    }
  }

  private add(page: number, chunk: Chunk<L>): void {
    const list = this.pages.get(page) ?? [];
    list.push(chunk);
    this.pages.set(page, list);
  }
}

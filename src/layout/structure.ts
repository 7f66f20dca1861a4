// Layout stage: the tagged-PDF structure of the brief, in reading order. The
// document definition stamps each text run with the key of the element it
// belongs to (`tag`); pdf/pdfmake/tagging.ts creates the elements as their
// content is drawn, in the order and under the parents this plan gives.

/** The standard structure types the brief uses (PDF 1.7, 14.8.4). */
export type Role =
  | 'H1' | 'H2' | 'P'
  | 'L' | 'LI' | 'Lbl' | 'LBody'
  | 'TOC' | 'TOCI'
  | 'Reference' | 'Note'
  | 'Figure' | 'Caption';

export interface StructNode {
  role: Role;
  /** The parent element's key; none for a child of the Document element. */
  parent?: string;
  /** Alternative text (Figure). */
  alt?: string;
  /** The element's /ID (Note: PDF/UA requires one). */
  id?: string;
  /**
   * Created right after the element with this key, under the same parent: a
   * note follows its marker in the reading order although it is drawn at the
   * page foot.
   */
  after?: string;
  /**
   * Created as soon as its parent is, so it comes first among the parent's
   * children whatever is drawn first (a list label drawn after its item's text).
   */
  eager?: boolean;
  /** What a link inside this element leads to, for its /Contents. */
  label?: string;
}

export interface Structure {
  nodes: Record<string, StructNode>;
  /** Keys of the list labels, in order: pdfmake draws list bullets as vectors, one per item. */
  bullets: string[];
  /** The TOC entry key for a link destination (pdfmake builds the contents lines itself). */
  tocEntries: Record<string, string>;
}

export class StructurePlan {
  readonly structure: Structure = { nodes: {}, bullets: [], tocEntries: {} };

  /** The brief's language, for the runs the plan's elements hold. */
  constructor(readonly language: string) {}

  add(key: string, node: StructNode): string {
    if (Object.hasOwn(this.structure.nodes, key)) throw new Error(`structure key "${key}" used twice`);
    if (node.parent && !Object.hasOwn(this.structure.nodes, node.parent)) throw new Error(`structure key "${key}": unknown parent "${node.parent}"`);
    this.structure.nodes[key] = node;
    return key;
  }

  /** A list item: LI with a label (the drawn bullet) and a body; returns the body's key. */
  listItem(list: string, key: string): string {
    this.add(key, { role: 'LI', parent: list });
    this.structure.bullets.push(this.add(`${key}/lbl`, { role: 'Lbl', parent: key, eager: true }));
    return this.add(`${key}/body`, { role: 'LBody', parent: key });
  }

  /** A contents entry, found at render time by the destination its lines link to. */
  tocEntry(toc: string, destination: string, label: string): string {
    const key = this.add(`toci/${destination}`, { role: 'TOCI', parent: toc, label });
    this.structure.tocEntries[destination] = key;
    return key;
  }

  /**
   * A note and its marker: the marker is a Reference inside the citing
   * paragraph, and the Note (label, then text) follows it there.
   */
  note(paragraph: string, number: number): { marker: string; label: string; body: string } {
    const marker = this.add(`ref/${number}`, { role: 'Reference', parent: paragraph, label: `Note ${number}` });
    const note = this.add(`note/${number}`, { role: 'Note', parent: paragraph, after: marker, id: `note-${number}` });
    return {
      marker,
      label: this.add(`note/${number}/lbl`, { role: 'Lbl', parent: note, label: `Back to the text at note ${number}` }),
      body: this.add(`note/${number}/body`, { role: 'P', parent: note }),
    };
  }
}

/** Sets `tag` on every run, nested runs included, unless a run already has one (a note marker). */
export function tagRuns<R extends Record<string, unknown>>(runs: R[], tag: string): R[] {
  return runs.map((r) => ({ ...r, tag: r.tag ?? tag, ...(Array.isArray(r.text) ? { text: tagRuns(r.text as R[], tag) } : {}) }));
}

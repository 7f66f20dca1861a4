// The typed document model: the contract between the templates stage and
// layout. Everything layout needs is here, already numbered and resolved.
import type { Meta } from '../load/schema.ts';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'emphasis'; children: Inline[] }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'link'; url: string; children: Inline[] }
  | { kind: 'noteRef'; noteId: string; number: number }
  /** Where a figure's value is printed; it prints nothing itself. */
  | { kind: 'figureRef'; figureId: string };

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'figure'; chartId: string; number: number };

/** A numbered figure: what the caption, source line and outline say about a chart. */
export interface FigureInfo {
  chartId: string;
  number: number;
  caption: string;
  /** The source line, with the numbers of the notes that source its figures. */
  source: string;
  alt: string;
  mapNote?: string;
  /** The figures (data/figures.yaml) it plots. */
  figureIds: string[];
}

export interface Section {
  id: string;
  heading: string;
  blocks: Block[];
}

export interface CiteItem {
  ref: string;
  locator?: string;
}

/** A note as the model stage leaves it: citations are still references, not text. */
export type NoteSource =
  | { number: number; id: string; status: 'ok'; inlines: Inline[] }
  | { number: number; id: string; status: 'cite'; cites: CiteItem[] }
  | { number: number; id: string; status: 'missing'; context: string };

/** A note ready to set: its text, or visibly missing. `refs` are the references it cites. */
export type Note =
  | { number: number; id: string; status: 'ok'; inlines: Inline[]; refs: string[] }
  | { number: number; id: string; status: 'missing'; context: string };

export interface Cover {
  title: string;
  subtitle: string;
  lines: string[];
}

export interface BriefDocument {
  meta: Meta;
  cover: Cover;
  keyFindings: Inline[][];
  sections: Section[];
  /** In number order: notes[i].number === i + 1. */
  notes: Note[];
  /** In number order: figures[i].number === i + 1. */
  figures: FigureInfo[];
  header: (ctx: { page: number; pages: number; section: string }) => string;
  footer: (ctx: { page: number; pages: number; section: string }) => string;
  /** Chicago bibliography entries, when the house style asks for one. */
  bibliography: Inline[][];
  warnings: string[];
}

/** The model stage's output: the document before its notes are generated. */
export type ModelDocument = Omit<BriefDocument, 'notes' | 'bibliography'> & { notes: NoteSource[] };

// The answer key: the paper's own text and figures (tests/fixtures/paper/),
// with the differences the README documents applied, never the program's output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './project.ts';

const dir = join(ROOT, 'tests/fixtures/paper');

export interface Paper {
  /** Note markers in the text (1…markers). */
  markers: number;
  sections: { heading: string; paragraphs: string[] }[];
  /** The notes whose text survived the extraction (1–45), by number. */
  notes: Record<string, string>;
}

export const paper: Paper = JSON.parse(readFileSync(join(dir, 'paper.json'), 'utf8'));
/** For each figure id, the words around it as the paper prints them. */
export const paperFigures: Record<string, string> = parse(readFileSync(join(dir, 'figures.yaml'), 'utf8'));
/** Words of a paper note that Chicago style legitimately leaves out, with the reason. */
export const noteDifferences: Record<string, { drops: string[]; why: string }> = parse(readFileSync(join(dir, 'note-differences.yaml'), 'utf8'));

/**
 * The brief closes up number ranges with an en dash ("2010–2020", "2015–20")
 * where the extracted paper has "2010 – 2020" and "2015-20" (README,
 * "Differences from the source paper").
 */
export const closeRanges = (s: string) => s.replace(/\b(\d+) ?[–-] ?(\d+)\b/g, '$1–$2');

/**
 * A paper note reduced to what a Chicago note keeps: a first citation gives
 * only the cited page ("13-28 (here: 20)" → "20"), and a page range keeps its
 * first page here (the abbreviated end, "136–37", has its own unit test).
 */
export function chicagoKeeps(note: string): string {
  return note
    .replace(/\d+-\d+ \(here:? ([\d-]+)\)/g, '$1')
    .replace(/(^|\s)(\d+)-\d+(?=[.,;)\s]|$)/g, '$1$2');
}

/** Lower-case words and numbers, for comparing a note word by word. */
export const words = (s: string) => s.toLowerCase().normalize('NFC').match(/[\p{L}\d]+/gu) ?? [];

/** Every URL a paper note gives (a line-end hyphen inside a URL is part of it). */
export const urls = (s: string) => (s.match(/https?:\/\/\S+/g) ?? []).map((u) => u.replace(/[.,;]$/, ''));

// Notes stage: turns each citation note into Chicago note text, in document
// order, so numbering, short forms and "Ibid." follow the text every build.
//
// citeproc decides full against short form. "Ibid." is the house style's:
// the CMOS 17th-edition style prints an author-only short form where the
// paper has "Ibid.", so citeproc is told the notes are never adjacent
// (note indexes 2, 4, 6 …) and this stage writes "Ibid." itself, where a note
// cites exactly the one source the note before it cited.
import { BriefFailure, type BriefError } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import type { Project } from '../load/loadProject.ts';
import type { Reference } from '../load/schema.ts';
import { noCache, type Cache } from '../cache/cache.ts';
import type { BriefDocument, CiteItem, Inline, ModelDocument, Note } from '../model/types.ts';
import { createEngine, toInlines } from './citeproc.ts';
import { language } from '../load/language.ts';
import { chicagoPageRange } from './pageRange.ts';

export async function generateNotes(project: Project, draft: ModelDocument, cache: Cache = noCache): Promise<BriefDocument> {
  checkReferences(project, draft);
  const cited = [...new Set(draft.notes.flatMap((n) => (n.status === 'cite' ? n.cites.map((c) => c.ref) : [])))];
  const references = Object.fromEntries(cited.map((id) => [id, project.references[id]]));
  const style = project.meta.houseStyle;
  const locale = language(project.meta.language)?.cslLocale ?? 'en-US';
  const generated = await cache.get('notes', { notes: draft.notes, references, style, locale }, async () => notesText(draft, references, style, locale));
  return { ...draft, ...generated };
}

/** The citeproc run itself: everything it needs is in its arguments, so its result can be cached. */
function notesText(draft: ModelDocument, references: Record<string, Reference>, { ibid, bibliography }: { ibid: boolean; bibliography: boolean }, locale: string): Pick<BriefDocument, 'notes' | 'bibliography'> {
  const cited = Object.keys(references);
  const engine = createEngine(references, locale);

  const texts = new Map<number, string>();
  const before: [string, number][] = [];
  for (const note of draft.notes) {
    if (note.status !== 'cite') continue;
    const citation = {
      citationID: `note-${note.number}`,
      citationItems: note.cites.map((c) => ({ id: c.ref, ...(c.locator ? { locator: c.locator, label: 'page' } : {}) })),
      properties: { noteIndex: 2 * note.number },
    };
    const [, updates] = engine.processCitationCluster(citation, before, []);
    // Earlier notes can change too (citeproc re-disambiguates); each update names its citation.
    for (const [, text, citationID] of updates) texts.set(Number(citationID.slice('note-'.length)), text);
    before.push([citation.citationID, 2 * note.number]);
  }

  const notes: Note[] = draft.notes.map((note, i) => {
    if (note.status !== 'cite') return note.status === 'ok' ? { ...note, refs: [] } : note;
    const previous = draft.notes[i - 1];
    const refs = note.cites.map((c) => c.ref);
    const inlines: Inline[] = ibid && previous && isIbid(previous.status === 'cite' ? previous.cites : [], note.cites)
      ? [{ kind: 'text', text: note.cites[0].locator ? `Ibid., ${chicagoPageRange(note.cites[0].locator)}.` : 'Ibid.' }]
      : toInlines(texts.get(note.number) ?? '');
    return { number: note.number, id: note.id, status: 'ok', inlines, refs };
  });

  const entries = bibliography && cited.length ? (engine.makeBibliography() || [null, []])[1].map((s) => toInlines(s.trim())) : [];
  return { notes, bibliography: entries };
}

/** "Ibid." only where both notes cite exactly one source, the same one. */
function isIbid(previous: CiteItem[], current: CiteItem[]): boolean {
  return previous.length === 1 && current.length === 1 && previous[0].ref === current[0].ref;
}

function checkReferences(project: Project, draft: ModelDocument): void {
  const errors: BriefError[] = [];
  for (const note of draft.notes) {
    if (note.status !== 'cite') continue;
    note.cites.forEach((c, i) => {
      if (!Object.hasOwn(project.references, c.ref)) {
        errors.push(messages.unknownReference(project.whereNoteField(note.id, ['cite', i, 'ref']), note.id, c.ref, Object.keys(project.references)));
      }
    });
  }
  if (errors.length) throw new BriefFailure(errors);
}

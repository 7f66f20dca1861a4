// Synthetic briefs for the bench and the layout tests: the real paper's
// sections repeated `times` over, each copy citing its own copies of the notes
// and placing its own copies of the charts, as many copies as a brief may have
// charts (src/limits.ts); later copies are text only.
import type { Project } from '../src/load/loadProject.ts';
import { LIMITS } from '../src/limits.ts';

export function scaleProject(project: Project, times: number): Project {
  if (times <= 1) return project;
  const sections: Project['sections'] = [];
  const notes: Project['notes'] = {};
  const charts: Project['charts'] = {};
  const chartCopies = Math.floor(LIMITS.charts / Math.max(1, Object.keys(project.charts).length));
  for (let copy = 1; copy <= times; copy++) {
    const suffix = copy === 1 ? '' : `-copy${copy}`;
    const withCharts = copy <= chartCopies;
    for (const [id, note] of Object.entries(project.notes)) notes[id + suffix] = note;
    if (withCharts) for (const [id, chart] of Object.entries(project.charts)) charts[id + suffix] = chart;
    for (const s of project.sections) {
      sections.push({
        ...s,
        id: s.id + suffix,
        heading: copy === 1 ? s.heading : `${s.heading} (${copy})`,
        template: {
          ...s.template,
          text: s.template.text
            .replace(/\{\{figure "[a-z0-9-]+"\}\}/g, (m) => (withCharts ? m : ''))
            .replace(/\{\{(note|figure) "([a-z0-9-]+)"\}\}/g, `{{$1 "$2${suffix}"}}`),
        },
      });
    }
  }
  return { ...project, sections, notes, charts };
}

/** The project with one note's text replaced by `words` words of running text. */
export function withLongNote(project: Project, noteId: string, words: number): Project {
  const vocabulary = 'the archive records that negotiations over the loan agreement continued through several rounds while ministers disputed the terms and the conditions attached'.split(' ');
  const text = Array.from({ length: words }, (_, i) => vocabulary[i % vocabulary.length]).join(' ') + '.';
  return { ...project, notes: { ...project.notes, [noteId]: { text } } };
}

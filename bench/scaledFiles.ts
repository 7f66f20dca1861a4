// A synthetic brief written out as a project folder (data/, templates/,
// charts/), so the bench can run the real `brief build` on it: the paper
// repeated `times` over, as bench/synthetic.ts makes it in memory.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadProject } from '../src/load/loadProject.ts';
import { scaleProject } from './synthetic.ts';
import { tempDir } from './tempDir.ts';

export function scaledProjectDir(root: string, times: number): string {
  const dir = tempDir(`brief-${times}x-`);
  for (const d of ['data', 'templates', 'charts']) cpSync(join(root, d), join(dir, d), { recursive: true });
  const project = scaleProject(loadProject(root), times);
  rmSync(join(dir, 'templates', 'sections'), { recursive: true });
  mkdirSync(join(dir, 'templates', 'sections'));
  for (const s of project.sections) writeFileSync(join(dir, 'templates', 'sections', `${s.id}.md.hbs`), s.template.text);
  writeFileSync(join(dir, 'data', 'sections.yaml'), stringify(project.sections.map((s) => ({ id: s.id, heading: s.heading }))));
  writeFileSync(join(dir, 'data', 'notes.yaml'), stringify(project.notes));
  writeFileSync(join(dir, 'data', 'charts.yaml'), stringify(Object.fromEntries(Object.entries(project.charts).map(([id, c]) => {
    const { vegaLite: _, ...entry } = c;
    return [id, entry];
  }))));
  return dir;
}

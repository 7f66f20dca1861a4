// Characters the brief's fonts cannot draw are open items, each named once per
// file with its code point, wherever it appears; characters the fonts draw and
// invisible ones (spaces, soft breaks) are not.
import { expect, test } from 'vitest';
import { loadProject } from '../../src/load/loadProject.ts';
import { renderTemplates } from '../../src/templates/renderTemplates.ts';
import { buildModel } from '../../src/model/buildModel.ts';
import { generateNotes } from '../../src/notes/generateNotes.ts';
import { openItems } from '../../src/review/openItems.ts';
import { copyProject, edit } from '../support/project.ts';

test('a character the fonts lack is an open item in each file it appears in, once, with its code point', async () => {
  const dir = copyProject();
  // Han script: neither Source Serif 4 nor Source Sans 3 has it. Two characters twice in one template, and a note's context.
  edit(dir, 'templates/sections/culture.md.hbs', (t) => t.replace('Confucius Institutes have', 'Confucius Institutes (孔子学院; 孔子) have'));
  edit(dir, 'data/notes.yaml', (t) => t.replace("context: 'Chinese funding of Serbian think tanks'", "context: 'Chinese funding of Serbian think tanks (智库)'"));
  const project = loadProject(dir);
  const document = await generateNotes(project, buildModel(project, renderTemplates(project)));
  const glyphs = openItems(project, document).filter((i) => i.what.includes('cannot draw'));
  const said = glyphs.map((i) => `${i.where.file} ${i.what}`);
  expect(said).toEqual([
    'templates/sections/culture.md.hbs the brief\'s fonts cannot draw "孔" (U+5B54)',
    'templates/sections/culture.md.hbs the brief\'s fonts cannot draw "子" (U+5B50)',
    'templates/sections/culture.md.hbs the brief\'s fonts cannot draw "学" (U+5B66)',
    'templates/sections/culture.md.hbs the brief\'s fonts cannot draw "院" (U+9662)',
    'data/notes.yaml the brief\'s fonts cannot draw "智" (U+667A)',
    'data/notes.yaml the brief\'s fonts cannot draw "库" (U+5E93)',
  ]);
  // Each at its line in the file, found in the file's text.
  expect(glyphs[0].where.line).toBe(1);
  expect(glyphs[4].where.line).toBeGreaterThan(100);
});

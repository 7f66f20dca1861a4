// Compiled templates kept in the cache: a fresh process runs Handlebars'
// JavaScript for a template it has compiled before instead of compiling it.
import { describe, expect, test } from 'vitest';
import { loadProject, type Project } from '../../src/load/loadProject.ts';
import { renderTemplates } from '../../src/templates/renderTemplates.ts';
import { BriefFailure } from '../../src/errors/BriefError.ts';
import { ROOT } from '../support/project.ts';
import { memoryCache } from '../support/memoryCache.ts';

const base = loadProject(ROOT);
// This process remembers each template by file and text; new names make it look again, as a fresh process would.
let run = 0;
const renamed = (p: Project, extra = ''): Project => {
  run++;
  return { ...p, sections: p.sections.map((s) => ({ ...s, template: { file: `${s.template.file}#${run}`, text: s.template.text + extra } })) };
};

describe('compiled templates in the cache', () => {
  test('a template compiled once is read back, and fills in exactly as before', () => {
    const cache = memoryCache();
    const project = renamed(base, '\n{{!-- a text this file has not had before --}}\n');
    const first = renderTemplates(project, cache);
    const compiled = cache.writes.filter((w) => w === 'template').length;
    // The sections, cover, findings, header, footer and one alt text per chart.
    expect(compiled).toBe(base.sections.length + 4 + Object.keys(base.charts).length);
    const again = renderTemplates(renamed(project), cache);
    expect(cache.writes.filter((w) => w === 'template')).toHaveLength(compiled);
    expect(cache.hits.filter((h) => h === 'template').length).toBeGreaterThanOrEqual(base.sections.length);
    expect(again.sections.map((s) => s.body.markdown)).toEqual(first.sections.map((s) => s.body.markdown));
    // The paper's words, through the cached code.
    expect(again.sections.map((s) => s.body.markdown).join('\n')).toContain('Belt and Road');
  });

  test('a template that does not compile is never stored, and says where it fails every time', () => {
    const cache = memoryCache();
    const broken = renamed(base, '\n{{#if meta.title}}unclosed\n');
    for (let i = 0; i < 2; i++) {
      let thrown: unknown;
      try {
        renderTemplates(renamed(broken), cache);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(BriefFailure);
      expect((thrown as BriefFailure).errors[0]).toMatchObject({ kind: 'template-syntax' });
    }
    expect(cache.writes.filter((w) => w === 'template').length).toBeLessThan(base.sections.length);
  });
});

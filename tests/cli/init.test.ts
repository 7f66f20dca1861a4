// `brief init`: a new brief project that builds at once, on another country,
// currency and language than the Serbia brief.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../support/project.ts';
import { readPdf, joinText, type PdfText } from '../support/readPdf.ts';
import { isBody, markers } from '../support/briefText.ts';
import { notesOnPages } from '../support/notesOnPages.ts';
import { tempDir } from '../support/tempDir.ts';

function brief(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/brief.js'), ...args], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('brief init DIR, then brief build --data DIR', () => {
  const dir = join(tempDir('brief-init-'), 'my-brief');
  let built: ReturnType<typeof brief>;
  let pdf: PdfText;
  beforeAll(async () => {
    expect(brief('init', dir).code).toBe(0);
    built = brief('build', '--data', dir, '--format', 'pdf,html');
    pdf = await readPdf(readFileSync(join(dir, 'out', 'brief.pdf')));
  });

  test('writes the project and builds it into DIR/out/brief.pdf', () => {
    for (const f of ['data/brief.yaml', 'data/sections.yaml', 'data/figures.yaml', 'data/notes.yaml', 'data/references.json', 'data/charts.yaml', 'templates/cover.md.hbs', 'templates/sections/background.md.hbs']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^wrote out\/brief\.pdf: \d+ KB, 3 notes, 2 figures, LETTER/m);
  });

  test('and its web edition, in its language, with no draft mark (no open items)', async () => {
    const { parseHTML } = await import('linkedom');
    const { document } = parseHTML(readFileSync(join(dir, 'out', 'brief.html'), 'utf8'));
    expect(document.documentElement.getAttribute('lang')).toBe('en-US');
    expect(document.querySelector('.draft')).toBeNull();
    expect(document.querySelectorAll('[role="doc-footnote"]')).toHaveLength(3);
    expect([...document.querySelectorAll('figcaption')].map((f) => f.textContent)).toEqual(['Figure 1: Sample figures (placeholder data)', 'Figure 2: Places named in this sample']);
    expect(document.body.textContent).toContain('May 15, 2024');
  });

  test('with notes at the page foot, a chart and a map', () => {
    expect(markers(pdf)).toEqual([1, 2, 3]);
    for (const p of notesOnPages(pdf, isBody)) expect(p.noteStarts, `page ${p.page}`).toEqual(p.markers);
    const text = joinText(pdf.items);
    expect(text).toContain('Figure 1: Sample figures (placeholder data)');
    expect(text).toContain('Figure 2: Places named in this sample');
    for (const label of ['37.5%', 'over 12', 'Accra', 'Kumasi']) expect(text).toContain(label);
  });

  test('in its own currency, language and paper: Ghanaian cedis, en-US dates, US Letter, sample sources only', () => {
    expect(pdf.pageHeight).toBe(792);
    const text = joinText(pdf.items);
    expect(text).toContain('about GHS 2.45 billion in 2023');
    expect(text).toContain('May 15, 2024'); // en-US, from date: '2024-05-15'
    expect(text).toContain('https://example.org/sample-report');
    const references = readFileSync(join(dir, 'data', 'references.json'), 'utf8');
    for (const url of references.match(/https?:\/\/[^"]+/g) ?? []) expect(url).toMatch(/^https:\/\/example\.org\//);
  });

  test('refuses a folder that already holds files', () => {
    const full = tempDir('brief-full-');
    writeFileSync(join(full, 'keep.txt'), 'mine');
    const run = brief('init', full);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already exists and is not empty/);
  });
});

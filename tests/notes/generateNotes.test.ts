// Notes generated from CSL-JSON references: the paper's sources, locators,
// Ibid. positions and short forms, recomputed when the text moves.
import { beforeAll, describe, expect, test } from 'vitest';
import { page } from '../../src/layout/theme.ts';
import type { PdfText } from '../support/readPdf.ts';
import { loadProject } from '../../src/load/loadProject.ts';
import { renderTemplates } from '../../src/templates/renderTemplates.ts';
import { buildModel, inlineText } from '../../src/model/buildModel.ts';
import { generateNotes } from '../../src/notes/generateNotes.ts';
import { chicagoPageRange } from '../../src/notes/pageRange.ts';
import { BriefFailure, formatError } from '../../src/errors/BriefError.ts';
import type { Project } from '../../src/load/loadProject.ts';
import { ROOT, copyProject, edit } from '../support/project.ts';
import { shared } from '../support/shared.ts';

async function notesOf(project: Project): Promise<string[]> {
  const doc = await generateNotes(project, buildModel(project, renderTemplates(project)));
  return doc.notes.map((n) => (n.status === 'ok' ? inlineText(n.inlines) : `[missing: ${n.id}]`));
}
const notesAt = (root: string) => notesOf(loadProject(root));

describe('notes as in the paper', () => {
  let notes: string[];
  beforeAll(async () => {
    notes = await notesAt(ROOT);
  });
  const at = (n: number) => notes[n - 1];

  test('Ibid. exactly where the paper has it, with Chicago page ranges', () => {
    const ibid = notes.flatMap((t, i) => (t.startsWith('Ibid.') ? [i + 1] : []));
    expect(ibid).toEqual([3, 4, 8, 9, 26, 32]);
    expect([at(3), at(4), at(8), at(9), at(26), at(32)]).toEqual(['Ibid., 136–37.', 'Ibid., 138.', 'Ibid., 120.', 'Ibid., 122–24.', 'Ibid.', 'Ibid., 25.']);
  });

  test('short forms where the paper repeats a source after others', () => {
    expect(at(6)).toBe('Jovičić, Stevanović, and Beraha, “Serbia-China,” 137–38.');
    expect(at(12)).toBe('Nenadović, “Kineski krediti.”');
    expect(at(13)).toBe('Bastian, “Southeast Europe,” 21.');
    expect(at(20)).toBe('Conley et al., “Becoming a Chinese Client,” 7.');
    expect(at(39)).toBe('Danas online, “Vučić.”');
    expect(at(42)).toBe('Conley et al., “Becoming a Chinese Client,” 6.');
  });

  test('full first citations carry the source, its locator and its URL or DOI', () => {
    expect(at(2)).toBe('Elena Jovičić, Slavica Stevanović, and Isidora Beraha, “Serbia-China Bilateral Trade Relations: Major Challenges and Opportunities,” Economic Analysis: Applied Research in Emerging Markets 53, no. 2 (December 2020): 133, https://doi.org/10.28934/ea.20.53.2.pp133-144.');
    expect(at(5)).toBe('Jens Bastian, “Southeast Europe in Current Chinese Foreign Economic Policy,” Südosteuropa Mitteilungen 60, no. 3 (2020): 20.');
    expect(at(10)).toContain('Aleksandra Nenadović, “Kineski krediti pod senkom korupcije (Chinese loans in the shadow of corruption),” glasamerike.net, November 6, 2019, https://www.glasamerike.net/');
    expect(at(17)).toMatch(/^Heather A\. Conley et al\., “Becoming a Chinese Client State, The Case of Serbia,”.*8–9.*; Telegraf\.rs, “Kineski radnici/);
  });

  test('explanatory notes keep their text and lost notes stay missing', () => {
    expect(at(1)).toBe('The Western Balkans includes the following six states: Albania, Bosnia and Herzegovina, Kosovo, Montenegro, North Macedonia and Serbia.');
    expect(at(30)).toBe('Observations of the author in the course of many years of continuous analysis of Serbian media.');
    expect(notes.slice(45)).toHaveLength(13);
    for (const t of notes.slice(45)) expect(t).toMatch(/^\[missing: missing-/);
  });
});

describe('notes follow the text', () => {
  test('swapping two paragraphs renumbers the notes and recomputes Ibid. and short forms', async () => {
    const dir = copyProject();
    edit(dir, 'templates/sections/economy.md.hbs', (t) => {
      const [first, second, ...rest] = t.split('\n\n');
      return [second, first, ...rest].join('\n\n');
    });
    const notes = await notesAt(dir);
    expect(notes[1]).toMatch(/^Elena Jovičić, .*\(December 2020\): 138, https:\/\/doi\.org/); // first citation now carries 138
    expect(notes[2]).toMatch(/^Jens Bastian, “Southeast Europe in Current/);
    expect(notes[3]).toBe('Jovičić, Stevanović, and Beraha, “Serbia-China,” 137–38.');
    expect(notes[4]).toMatch(/^Mario Holzner, /);
    expect(notes[5]).toBe('Jovičić, Stevanović, and Beraha, “Serbia-China,” 133.'); // no longer first: a short form
    expect(notes[6]).toBe('Ibid., 136–37.');
    expect(notes[7]).toBe('Holzner, “Economic Development,” 120.'); // was Ibid. after Holzner; now follows Jovičić
  });

  test('a new source cited early shifts every later note number', async () => {
    const dir = copyProject();
    edit(dir, 'data/references.json', (t) => t.replace(/^\[/, '[{"id":"new-2021","type":"report","author":[{"family":"Novak","given":"Ana"}],"title":"A New Report","issued":{"date-parts":[[2021]]}},'));
    edit(dir, 'data/notes.yaml', (t) => `${t}\nnew-source:\n  cite: [{ ref: new-2021, locator: '4' }]\n`);
    edit(dir, 'templates/sections/introduction.md.hbs', (t) => t.replace('plays an important role with regard to Europe.', 'plays an important role with regard to Europe.{{note "new-source"}}'));
    const before = await notesAt(ROOT);
    const after = await notesAt(dir);
    expect(after).toHaveLength(59);
    expect(after[0]).toBe('Ana Novak, “A New Report,” 2021, 4.');
    expect(after.slice(1)).toEqual(before);
  });

  test('the house style without Ibid. gives short forms everywhere', async () => {
    const project = loadProject(ROOT);
    const notes = await notesOf({ ...project, meta: { ...project.meta, houseStyle: { ...project.meta.houseStyle, ibid: false, bibliography: false } } });
    expect(notes.filter((t) => t.startsWith('Ibid.'))).toEqual([]);
    expect(notes[2]).toBe('Jovičić, Stevanović, and Beraha, “Serbia-China,” 136–37.');
  });

  test('an unknown reference id fails with one line naming the note and the id', async () => {
    const dir = copyProject();
    edit(dir, 'data/notes.yaml', (t) => t.replace('cite: [{ ref: bastian-2020, locator: \'21\' }]', "cite: [{ ref: bastain-2020, locator: '21' }]"));
    try {
      await notesAt(dir);
      throw new Error('built');
    } catch (e) {
      expect(e).toBeInstanceOf(BriefFailure);
      const lines = (e as BriefFailure).errors.map(formatError);
      expect(lines).toEqual([expect.stringMatching(/^data\/notes\.yaml:\d+:\d+ bastian-21\.cite\.0\.ref: note "bastian-21" cites unknown reference "bastain-2020" \[unknown-reference\] — did you mean "bastian-2020"\?$/)]);
    }
  });
});

describe('Chicago page ranges', () => {
  test.each([
    ['136-137', '136–37'], ['122-124', '122–24'], ['8-9', '8–9'], ['101-108', '101–8'], ['321-328', '321–28'],
    ['498-532', '498–532'], ['1087-1089', '1087–89'], ['1496-1500', '1496–1500'], ['100-104', '100–104'], ['20', '20'],
  ])('%s → %s', (from, to) => expect(chicagoPageRange(from)).toBe(to));
});

describe('notes in the PDF', () => {
  let pdf: PdfText;
  let project: Project;
  beforeAll(async () => {
    project = loadProject(ROOT);
    pdf = shared().text;
  });

  test('every URL and DOI of a cited source is a clickable link', () => {
    const urls = new Set(pdf.links.map((l) => l.uri).filter(Boolean));
    const cited = new Set(Object.values(project.notes).flatMap((n) => ('cite' in n ? n.cite.map((c) => c.ref) : [])));
    for (const id of cited) {
      const r = project.references[id];
      const target = r.DOI ? `https://doi.org/${r.DOI}` : r.URL;
      if (target) expect(urls, `${id}: ${target}`).toContain(target);
    }
  });

  test('no text runs into the margins', () => {
    const right = page.width - page.margins.right;
    for (const i of pdf.items) {
      expect(i.x, `page ${i.page}: “${i.text}”`).toBeGreaterThanOrEqual(page.margins.left - 0.5);
      expect(i.x + i.width, `page ${i.page}: “${i.text}”`).toBeLessThanOrEqual(right + 0.5);
    }
  });
});

describe('the bibliography house style', () => {
  test('adds Chicago bibliography entries, sorted by author', async () => {
    const project = loadProject(ROOT);
    const styled = { ...project, meta: { ...project.meta, houseStyle: { ...project.meta.houseStyle, ibid: true, bibliography: true } } };
    const doc = await generateNotes(styled, buildModel(styled, renderTemplates(styled)));
    const entries = doc.bibliography.map(inlineText);
    expect(entries).toHaveLength(new Set(Object.values(project.notes).flatMap((n) => ('cite' in n ? n.cite.map((c) => c.ref) : []))).size);
    expect(entries).toContainEqual('Bastian, Jens. “Southeast Europe in Current Chinese Foreign Economic Policy.” Südosteuropa Mitteilungen 60, no. 3 (2020): 13–28.');
  });
});

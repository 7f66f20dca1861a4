// Figures from data: vector charts in the brief's fonts, drawn only from
// data/, and unable to read anything else.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/pipeline.ts';
import { BriefFailure, formatError } from '../../src/errors/BriefError.ts';
import { joinText } from '../support/readPdf.ts';
import { copyProject, edit } from '../support/project.ts';
import { shared } from '../support/shared.ts';

const result = shared();
const pdf = result.text;

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('figures in the brief', () => {
  test('six numbered figures, each with a caption and a source line citing its notes', () => {
    const text = joinText(pdf.items);
    expect(result.document.figures).toHaveLength(6);
    for (const f of result.document.figures) {
      expect(text).toContain(`Figure ${f.number}: ${f.caption}`);
      expect(text).toContain(`Source: ${f.source}`);
    }
    expect(text).toMatch(/\(note 29\)\./); // the opinion poll's single note
  });

  test('chart text is real text in the brief’s own fonts, and no other font is embedded', () => {
    const chartLabels = joinText(pdf.items.filter((i) => Math.abs(i.size - 8.5) < 0.05));
    for (const label of ['over 100,000 tourists', 'USD 943 million', 'Kragujevac', 'almost €9 billion', '59.9%']) {
      expect(chartLabels).toContain(label);
    }
    const fonts = [...latin1(result.pdf).matchAll(/\/BaseFont\s*\/([^\s/>]+)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+Source(Serif4|Sans3)-/);
  });

  test('the PDF holds no raster image', () => {
    expect(latin1(result.pdf)).not.toMatch(/\/Subtype\s*\/Image/);
  });

  // Rebuilds are byte-identical: tests/cache.test.ts builds the brief again and compares it with this build.

  test('a money figure the paper gives no amount for is shown as missing, not plotted', () => {
    const chartLabels = joinText(pdf.items.filter((i) => Math.abs(i.size - 8.5) < 0.05));
    expect(chartLabels).toContain('no amount stated');
  });
});

describe('the chart sandbox', () => {
  const attempt = async (url: string, prepare?: (dir: string) => void) => {
    const dir = copyProject();
    prepare?.(dir);
    edit(dir, 'charts/chinese-tourists.vl.json', (t) => {
      const spec = JSON.parse(t);
      spec.layer.push({ data: { url, format: { type: 'csv' } }, mark: 'text', encoding: { text: { field: 'root' } } });
      return JSON.stringify(spec);
    });
    try {
      await build(dir);
    } catch (e) {
      expect(e).toBeInstanceOf(BriefFailure);
      return (e as BriefFailure).errors.map(formatError);
    }
    throw new Error(`a spec loading ${url} built`);
  };

  test.each([
    ['file:///etc/passwd', /URLs are not allowed/],
    ['/etc/passwd', /absolute paths are not allowed/],
    ['../../../../etc/passwd', /the path leaves data\//],
    ['http://127.0.0.1/x.csv', /URLs are not allowed/],
  ])('refuses %s with one line naming the chart', async (url, reason) => {
    const lines = await attempt(url);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('charts/chinese-tourists.vl.json');
    expect(lines[0]).toContain('chart "chinese-tourists"');
    expect(lines[0]).toMatch(reason);
    expect(lines[0]).not.toContain('root:');
  });

  test('refuses a symlink out of data/', async () => {
    const lines = await attempt('leak.csv', (dir) => symlinkSync('/etc/passwd', join(dir, 'data', 'leak.csv')));
    expect(lines).toEqual([expect.stringMatching(/chart "chinese-tourists" tried to load "leak.csv": the path leaves data\/ through a link/)]);
  });

  test('a file inside data/ may be read', async () => {
    const dir = copyProject();
    writeFileSync(join(dir, 'data', 'extra.csv'), 'a,b\n1,2\n');
    edit(dir, 'charts/chinese-tourists.vl.json', (t) => {
      const spec = JSON.parse(t);
      spec.layer.push({ data: { url: 'extra.csv' }, mark: 'point', encoding: {} });
      return JSON.stringify(spec);
    });
    await expect(build(dir)).resolves.toBeDefined();
  });
});

// What data and specs can reach: nothing but data/, no code, no markup.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/pipeline.ts';
import { renderPdf } from '../../src/pdf/writePdf.ts';
import { SERIF, checkFontFiles } from '../../src/layout/fonts.ts';
import { BriefFailure, formatError } from '../../src/errors/BriefError.ts';
import { readPdf, joinText } from '../support/readPdf.ts';
import { copyProject, edit } from '../support/project.ts';
import { shared } from '../support/shared.ts';
import { INJECTED_TITLE } from '../support/variants.ts';

async function failure(dir: string): Promise<string[]> {
  try {
    await build(dir);
  } catch (e) {
    if (e instanceof BriefFailure) return e.errors.map(formatError);
    throw e;
  }
  throw new Error('built');
}

describe('the sandbox', () => {
  test.each([
    ["[].constructor.constructor('return process')().exit(3)"],
    ["datum['constructor']['constructor']('return process')()"],
    ["if(true, [].constructor, 0).constructor('return 1')()"],
  ])('a Vega expression cannot run code: %s', async (expression) => {
    const dir = copyProject();
    edit(dir, 'charts/chinese-tourists.vl.json', (t) => {
      const spec = JSON.parse(t);
      spec.transform.push({ calculate: expression, as: 'pwned' });
      return JSON.stringify(spec);
    });
    const lines = await failure(dir);
    expect(lines).toEqual([expect.stringMatching(/^charts\/chinese-tourists\.vl\.json: chart "chinese-tourists": invalid Vega-Lite spec: .+ \[chart-spec\]$/)]);
  });

  test('data strings stay literal text: no template, Markdown or pdfmake injection', () => {
    const pdf = shared('literalStrings').text;
    const cover = joinText(pdf.items.filter((i) => i.page === 1));
    expect(cover).toContain(INJECTED_TITLE);
    expect(joinText(pdf.items)).toContain('Figure 3: Chinese *tourists* {{x}} in Serbia');
    expect(pdf.links.filter((l) => l.uri?.startsWith('file:'))).toEqual([]);
  });

  test('the link check above sees a file: link when a PDF has one', async () => {
    const pdf = await readPdf((await renderPdf({ content: [{ text: 'x', link: 'file:///etc/passwd' }], defaultStyle: { font: SERIF } } as never)).bytes);
    expect(pdf.links.map((l) => l.uri)).toEqual(['file:///etc/passwd']);
  });

  test('pdfmake may open no file but the fonts', async () => {
    await expect(renderPdf({ content: [{ image: '/etc/passwd' }] } as never)).rejects.toThrow('Access to local file denied by resource access policy: /etc/passwd');
    await expect(renderPdf({ content: [{ image: 'http://127.0.0.1:9/x.png' }] } as never)).rejects.toThrow(/denied by resource access policy: http:\/\/127\.0\.0\.1:9\/x\.png/);
  });

  test('a missing font file stops the build, naming the file', () => {
    const missing = join('/nonexistent', 'SourceSerif4_400Regular.ttf');
    try {
      checkFontFiles({ Serif: { normal: missing, bold: missing, italics: missing, bolditalics: missing } });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(BriefFailure);
      expect(formatError((e as BriefFailure).errors[0])).toBe(`${missing}: font file not found [font-missing] — run npm ci to reinstall the font packages`);
    }
  });
});

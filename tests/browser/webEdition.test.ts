// The web edition in a real browser (Debian's Chromium, driven by
// playwright-core): the page's own styles and fonts pass its Content-Security-
// Policy, axe-core finds no accessibility violation, the notes sit beside,
// below or after their paragraphs by screen width, and screenshots at 360 and
// 1280 px are written to out/screenshots/ to be looked at.
// Run by `npm run test:browser`, not `npm test`: it needs `apt-get install -y chromium`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/pipeline.ts';
import { ROOT } from '../support/project.ts';
import { tempDir } from '../support/tempDir.ts';

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// As the machine notes say: no sandbox as root, and no background networking on a closed network.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
let url: string;

beforeAll(async () => {
  const dir = tempDir('brief-web-');
  const result = await build(ROOT, { formats: ['html'] });
  writeFileSync(join(dir, 'brief.html'), result.html!);
  url = `file://${join(dir, 'brief.html')}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
});

async function open(width: number, options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; console: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  await page.goto(url);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { page, console };
}

describe('the web edition in Chromium', () => {
  test('its stylesheet and fonts pass its own Content-Security-Policy, and the charts are set in the brief’s sans', async () => {
    const { page, console } = await open(1280);
    expect(console.filter((m) => /Content Security Policy|Refused/i.test(m))).toEqual([]);
    const seen = await page.evaluate(() => ({
      h2: getComputedStyle(document.querySelector('main h2')!).color,
      loaded: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family.replace(/"/g, '')} ${f.weight} ${f.style}`).sort(),
      chartFont: getComputedStyle(document.querySelector('figure svg text')!).fontFamily,
      bodyFont: getComputedStyle(document.body).fontFamily,
    }));
    expect(seen.h2).toBe('rgb(29, 58, 92)'); // the accent colour: the stylesheet applied
    expect(seen.loaded).toEqual(expect.arrayContaining(['Source Serif 4 400 normal', 'Source Serif 4 400 italic', 'Source Sans 3 400 normal', 'Source Sans 3 600 normal']));
    expect(seen.chartFont).toMatch(/^"?Source Sans 3"?/);
    expect(seen.bodyFont).toMatch(/^"?Source Serif 4"?/);
    await page.context().close();
  });

  test('a script the page did not ship is refused (the policy holds)', async () => {
    const { page } = await open(1280);
    const ran = await page.evaluate(() => new Promise<boolean>((resolve) => {
      (window as unknown as { ran?: boolean }).ran = false;
      const s = document.createElement('script');
      s.textContent = 'window.ran = true';
      document.head.append(s);
      setTimeout(() => resolve((window as unknown as { ran: boolean }).ran), 100);
    }));
    expect(ran).toBe(false);
    await page.context().close();
  });

  test.each([360, 1280])('axe-core finds no accessibility violation at %i px', async (width) => {
    // axe is a script: the policy would refuse it, so this one context lets it in.
    const { page } = await open(width, { bypassCSP: true });
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const result = await page.evaluate(() => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[]; passes: unknown[] }> } })
      .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }));
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(result.passes.length).toBeGreaterThan(20);
    await page.context().close();
  });

  test('notes sit beside their paragraph at 1280 px, below it at 800 px and at the section’s end at 360 px', async () => {
    const where = async (width: number) => {
      const { page } = await open(width);
      const boxes = await page.evaluate(() => {
        const note = document.getElementById('note-1')!;
        const paragraph = document.getElementById('ref-1')!.closest('p')!;
        const section = paragraph.closest('section')!;
        const paragraphs = [...section.querySelectorAll(':scope > p')];
        const box = (e: Element) => e.getBoundingClientRect().toJSON() as DOMRect;
        return { note: box(note), paragraph: box(paragraph), last: box(paragraphs[paragraphs.length - 1]), next: box(paragraph.nextElementSibling!.nextElementSibling!) };
      });
      await page.context().close();
      return boxes;
    };
    const wide = await where(1280);
    expect(wide.note.left).toBeGreaterThan(wide.paragraph.right);
    expect(wide.note.top).toBeLessThan(wide.paragraph.bottom);
    const middle = await where(800);
    expect(middle.note.top).toBeGreaterThanOrEqual(middle.paragraph.bottom);
    expect(middle.note.bottom).toBeLessThanOrEqual(middle.next.top);
    const narrow = await where(360);
    expect(narrow.note.top).toBeGreaterThanOrEqual(narrow.last.bottom);
    expect(narrow.note.right).toBeLessThanOrEqual(360);
  });

  test('nothing is wider than a 360 px screen but the charts, which scroll inside their figure', async () => {
    const { page } = await open(360);
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.chart') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((e) => e.tagName + (e.className ? `.${String(e.className)}` : '')));
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  test('screenshots at 360 and 1280 px, for a person to look at (out/screenshots/)', async () => {
    const out = join(ROOT, 'out', 'screenshots');
    mkdirSync(out, { recursive: true });
    for (const width of [360, 1280]) {
      const { page } = await open(width);
      const file = join(out, `brief-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(readFileSync(file).length).toBeGreaterThan(50_000);
      await page.context().close();
    }
  });
});

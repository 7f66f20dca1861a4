// PDF stage: renders the document definition with pdfmake and writes the file
// atomically, so a failed build never leaves a partial PDF behind.
import { createRequire } from 'node:module';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fontFiles } from '../layout/fonts.ts';
import type { DocDefinition } from '../layout/docDefinition.ts';
import { beginRender, endRender, installHooks, lastLayoutMs } from './pdfmake/install.ts';
import type { Cache } from '../cache/cache.ts';

const require = createRequire(import.meta.url);

interface PdfMake {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: DocDefinition): { getBuffer(): Promise<Buffer> };
}

/**
 * With a cache, shaped words, measured paragraphs, line breaks and chart sizes
 * are read from it and the new ones kept in it; `rebuilds` keeps them in
 * memory too, for the next build of this process.
 */
export async function renderPdf(definition: DocDefinition, cache?: Cache, rebuilds = false): Promise<{ bytes: Buffer; pageLayoutMs: number }> {
  const pdfmake = require('pdfmake') as PdfMake;
  installHooks();
  const fonts = fontFiles();
  const allowed = new Set(Object.values(fonts).flatMap((f) => Object.values(f)));
  pdfmake.setFonts(fonts);
  // Nothing in a brief may reach the network or read files other than its fonts.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => allowed.has(path));
  beginRender(cache, rebuilds);
  let rendered = false;
  try {
    const bytes = await pdfmake.createPdf(definition).getBuffer();
    rendered = true;
    return { bytes, pageLayoutMs: lastLayoutMs() };
  } finally {
    endRender(rendered);
  }
}

/** Writes beside the target and renames: readers see the old file or the new one, never half of one. */
export function writeAtomically(file: string, bytes: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

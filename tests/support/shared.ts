// The builds made once per run by globalSetup.ts, read back by each test file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { BriefDocument } from '../../src/model/types.ts';
import type { PdfText } from './readPdf.ts';
import type { Variant } from './variants.ts';

export interface SharedBuild {
  pdf: Buffer;
  /** The web edition, built with the PDF. */
  html: string;
  /** The document model as JSON: everything but the header and footer functions. */
  document: Omit<BriefDocument, 'header' | 'footer'>;
  text: PdfText;
}

const loaded = new Map<Variant, SharedBuild>();

export function shared(variant: Variant = 'brief'): SharedBuild {
  let build = loaded.get(variant);
  if (!build) {
    const dir = join(inject('sharedBuilds'), variant);
    build = {
      pdf: readFileSync(join(dir, 'brief.pdf')),
      html: readFileSync(join(dir, 'brief.html'), 'utf8'),
      document: JSON.parse(readFileSync(join(dir, 'document.json'), 'utf8')),
      text: JSON.parse(readFileSync(join(dir, 'text.json'), 'utf8')),
    };
    loaded.set(variant, build);
  }
  return build;
}

/** A file of a shared build, for a child process: brief.pdf, brief.html, document.json or text.json. */
export function sharedFile(variant: Variant, file: 'brief.pdf' | 'brief.html' | 'document.json' | 'text.json'): string {
  return join(inject('sharedBuilds'), variant, file);
}

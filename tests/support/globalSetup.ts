// Builds the brief and the variants the content tests read, once per test run,
// and hands their folder to every test file (read with `shared()`).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../../src/pipeline.ts';
import { readPdf } from './readPdf.ts';
import { ROOT, copyProject, edit } from './project.ts';
import { VARIANTS, type Variant } from './variants.ts';
import { removeTempDirs } from './tempDir.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedBuilds: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'brief-shared-'));
  for (const [name, edits] of Object.entries(VARIANTS) as [Variant, (typeof VARIANTS)[Variant]][]) {
    let root = ROOT;
    if (edits.length) {
      root = copyProject();
      for (const e of edits) edit(root, e.file, e.change);
    }
    // Both formats from one build: the web edition must not change the PDF (the cache test compares).
    const result = await build(root, { formats: ['pdf', 'html'] });
    const out = join(dir, name);
    mkdirSync(out);
    writeFileSync(join(out, 'brief.pdf'), result.pdf);
    writeFileSync(join(out, 'brief.html'), result.html!);
    // Functions (the header and footer templates) do not survive JSON; no test reads them.
    writeFileSync(join(out, 'document.json'), JSON.stringify(result.document));
    writeFileSync(join(out, 'text.json'), JSON.stringify(await readPdf(result.pdf)));
  }
  project.provide('sharedBuilds', dir);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    removeTempDirs(); // the edited copies
  };
}

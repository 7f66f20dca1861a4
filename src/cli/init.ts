// `brief init DIR`: writes a small, complete brief project (the package's
// starter/ folder: sample text, sample sources on example.org, two sections,
// notes, figures, a chart and a map) that builds at once.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The starter project shipped with the package, found from this file whether it runs from src/ or dist/. */
export function starterFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'starter', 'data', 'brief.yaml'))) return join(dir, 'starter');
    const up = dirname(dir);
    if (up === dir) throw new Error('the starter project is missing from this installation');
    dir = up;
  }
}

/** Copies the starter into `target`; refuses a folder that already holds files. */
export function initProject(target: string): { ok: true; dir: string } | { ok: false; reason: string } {
  const dir = resolve(target);
  if (existsSync(dir) && readdirSync(dir).length) return { ok: false, reason: `${target} already exists and is not empty; choose a new folder` };
  cpSync(starterFolder(), dir, { recursive: true });
  return { ok: true, dir };
}

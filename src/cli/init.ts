// `brief init DIR`: writes a small, complete brief project (the package's
// starter/ folder: sample text, sample sources on example.org, two sections,
// notes, figures, a chart and a map) that builds at once.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../packageRoot.ts';

/** The starter project shipped with the package. */
export function starterFolder(): string {
  return join(packageRoot(import.meta.url), 'starter');
}

/** Copies the starter into `target`; refuses a folder that already holds files. */
export function initProject(target: string): { ok: true; dir: string } | { ok: false; reason: string } {
  const dir = resolve(target);
  if (existsSync(dir) && readdirSync(dir).length) return { ok: false, reason: `${target} already exists and is not empty; choose a new folder` };
  cpSync(starterFolder(), dir, { recursive: true });
  return { ok: true, dir };
}

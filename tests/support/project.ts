// Test fixtures: a throw-away copy of the real project to edit and build.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './tempDir.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export function copyProject(): string {
  const dir = tempDir('brief-');
  for (const d of ['data', 'templates', 'charts']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  return dir;
}

export function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  writeFileSync(path, after);
}

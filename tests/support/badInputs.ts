// The corpus of bad inputs (tests/fixtures/bad-inputs/*.json): each a small
// edit to a copy of the project. Read by the corpus test and by the bench.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './project.ts';

export interface Case {
  edit?: { file: string; find: string; replace: string };
  write?: { file: string; text: string };
  bytes?: { file: string; latin1: string };
  huge?: { file: string; find: string; size: number };
  delete?: string;
  args?: string[];
  kind?: string;
  where?: string;
  message?: string;
  exit?: number;
  stderr?: string;
  /** How many error lines the mistake may print (a YAML slip is one mistake: one line). */
  errorLines?: number;
}

export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'bad-inputs');
export const cases = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Case] as const);

export function apply(dir: string, c: Case): void {
  const path = (file: string) => join(dir, file);
  if (c.edit) {
    const text = readFileSync(path(c.edit.file), 'utf8');
    if (!text.includes(c.edit.find)) throw new Error(`fixture does not apply: "${c.edit.find}" not in ${c.edit.file}`);
    writeFileSync(path(c.edit.file), text.replace(c.edit.find, c.edit.replace));
  }
  if (c.write) writeFileSync(path(c.write.file), c.write.text);
  if (c.bytes) writeFileSync(path(c.bytes.file), Buffer.from(c.bytes.latin1, 'latin1'));
  if (c.huge) {
    const text = readFileSync(path(c.huge.file), 'utf8');
    if (!text.includes(c.huge.find)) throw new Error(`fixture does not apply: "${c.huge.find}" not in ${c.huge.file}`);
    writeFileSync(path(c.huge.file), text.replace(c.huge.find, c.huge.find + 'x'.repeat(c.huge.size)));
  }
  if (c.delete) rmSync(path(c.delete));
}


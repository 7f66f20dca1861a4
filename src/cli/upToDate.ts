// The up-to-date check `brief build` makes before loading the pipeline: a hash
// of everything a build reads. If the PDF on disk was written from exactly
// these inputs, there is nothing to do. Only Node's built-ins are used here,
// so the check costs milliseconds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface KeyInputs {
  /** The project folder (data/, templates/, charts/). */
  root: string;
  /** The command line, as given. */
  argv: string[];
  sourceDateEpoch: string | undefined;
  nodeVersion: string;
  /** The files of the running program: dist/brief.cjs, which names the pipeline's script by its content hash. */
  programFiles: string[];
  /** package-lock.json: every dependency's exact version, fonts and patterns included. */
  lockFile: string;
}

/** Every file under a folder, sorted, relative to the root. */
function files(root: string, dir: string): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(root, `${dir}/${e.name}`) : e.isFile() && !e.name.endsWith('.tmp') ? [`${dir}/${e.name}`] : []))
    .sort();
}

export function inputsKey(k: KeyInputs): string {
  const hash = createHash('sha256');
  const add = (label: string, value: string | Buffer) => hash.update(`${label}\0${value.length}\0`).update(value);
  for (const dir of ['data', 'templates', 'charts']) for (const f of files(k.root, dir)) add(f, readFileSync(join(k.root, f)));
  add('argv', JSON.stringify(k.argv));
  add('SOURCE_DATE_EPOCH', k.sourceDateEpoch ?? '');
  add('node', k.nodeVersion);
  for (const p of k.programFiles) add(`program ${p}`, readFileSync(p));
  add('lock', existsSync(k.lockFile) ? readFileSync(k.lockFile) : '');
  return hash.digest('hex');
}

/** Where the key of the inputs a PDF was written from is kept: beside it. */
export function keyFile(pdf: string): string {
  return `${pdf}.inputs`;
}

/** The key is kept beside the PDF's path (`out`), whatever the formats; every file the build writes must be there. */
export function isUpToDate(out: string, files: string[], key: string): boolean {
  return files.every((f) => existsSync(f) && statSync(f).size > 0) && existsSync(keyFile(out)) && readFileSync(keyFile(out), 'utf8').trim() === key;
}

// The up-to-date check `brief build` makes before loading the pipeline: a hash
// of everything a build reads. If the PDF on disk was written from exactly
// these inputs, there is nothing to do. Only Node's built-ins are used here,
// so the check costs milliseconds.
//
// Beside the hash, the key file keeps what the input files were when it was
// made (`inputStats`): while none has been written since, the hash is not
// made again (loading node:crypto and reading every input was about 15 ms of
// the 22 the check took). Every write to a file sets its change time (ctime),
// which no tool can set back, unlike the modification time.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

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
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256');
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
  return outputsWritten(files) && keptRecord(out)?.key === key;
}

/** Every file the build writes is there, and not empty. */
export function outputsWritten(files: string[]): boolean {
  return files.every((f) => existsSync(f) && statSync(f).size > 0);
}

/** What the key file holds: the key, and the input files' stats when it was made (none in a file from before them). */
export function keptRecord(out: string): { key: string; stats?: string } | undefined {
  let text: string;
  try {
    text = readFileSync(keyFile(out), 'utf8');
  } catch {
    return undefined;
  }
  const [key, stats] = text.split('\n');
  return { key: key.trim(), stats: stats || undefined };
}

/** The key file's text: the key, then the stats of the inputs it was made from. */
export function keyRecord(key: string, stats: string): string {
  return `${key}\n${stats}\n`;
}

/**
 * The input files as they are now, a record each (path, inode, size,
 * modification and change times in nanoseconds), after the time they were
 * looked at and the inputs that are not files; one line in all. Not a hash:
 * equal stats say no file was written since, not that two contents are equal.
 */
export function inputStats(k: KeyInputs, now = Date.now()): string {
  const lines = [`at ${BigInt(now) * 1_000_000n}`, JSON.stringify([k.argv, k.sourceDateEpoch ?? '', k.nodeVersion])];
  const paths = [...['data', 'templates', 'charts'].flatMap((dir) => files(k.root, dir).map((f) => join(k.root, f))), ...k.programFiles, k.lockFile];
  for (const path of paths) {
    try {
      const st = statSync(path, { bigint: true });
      lines.push(`${path}\t${st.ino}\t${st.size}\t${st.mtimeNs}\t${st.ctimeNs}`);
    } catch {
      lines.push(`${path}\tmissing`);
    }
  }
  return lines.join('\u0001');
}

/** The size in bytes of the project's own inputs (data/, templates/, charts/), read from their stats (inputStats). */
export function projectSize(stats: string, root: string): number {
  const inside = ['data', 'templates', 'charts'].map((dir) => join(root, dir) + sep);
  let size = 0;
  for (const line of stats.split('\u0001')) {
    const [path, , bytes] = line.split('\t');
    if (inside.some((dir) => path.startsWith(dir)) && bytes !== undefined) size += Number(bytes);
  }
  return size;
}

/**
 * A file written in the same tick of the file system's clock as it was
 * looked at could be written again within that tick, its times unchanged:
 * such stats prove nothing, and the hash decides. A tick is a few
 * milliseconds on Linux's file systems; where times are whole seconds (FAT,
 * HFS+), two seconds.
 */
const FINE_TICK_NS = 50_000_000n;
const COARSE_TICK_NS = 2_000_000_000n;

/** Whether the stats kept with the key are the stats now, none of them taken too soon after its file was written. */
export function sameStats(kept: string | undefined, now: string): boolean {
  if (kept === undefined) return false;
  const [at, ...rest] = kept.split('\u0001');
  if (!/^at \d+$/.test(at) || rest.join('\u0001') !== now.split('\u0001').slice(1).join('\u0001')) return false;
  const taken = BigInt(at.slice(3));
  for (const line of rest.slice(1)) {
    const fields = line.split('\t');
    if (fields.length !== 5) continue; // a missing file: equal is enough
    if (!/^\d+$/.test(fields[4])) return false;
    const changed = BigInt(fields[4]);
    const tick = changed % 1_000_000_000n === 0n ? COARSE_TICK_NS : FINE_TICK_NS;
    if (changed >= taken - tick) return false;
  }
  return true;
}

// The `brief` command's logic: build, watch or check. Errors print one per
// line with their location, never a stack trace unless --debug; the result is
// the exit code: 0 ok, 1 invalid input, 2 usage. main.ts runs it.
import { readdirSync, rmSync, statSync, watch as watchFiles, type FSWatcher } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CACHED_PACKAGES, deferWrites, diskCache, pruneCache, type Cache } from '../cache/cache.ts';
import { join, resolve } from 'node:path';
import { build, buildToFile, type BuildOptions, type BuildResult, type FileResult, type Stage } from '../pipeline.ts';
import { BriefFailure, formatError, formatLocation } from '../errors/BriefError.ts';
import { formatChange } from '../review/figureReport.ts';
import { HELP, UsageError, parseArgs, type Request } from './args.ts';
import { initProject } from './init.ts';
import { keyFile } from './upToDate.ts';
import { preloadCharts } from '../charts/renderChart.ts';
import { writeAtomically } from '../pdf/writePdf.ts';
import { htmlPath } from '../formats.ts';
import { collectYoung } from './collectYoung.ts';

/** Where the command writes: the terminal, or a test's buffers. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Progress lines are drawn only on a terminal. */
  progress?: (text: string) => void;
  /** Called when the code a build runs has been compiled (watch, after its warm-up): V8's code cache can be kept. */
  compiled?: () => void;
}

let out: Io['out'];
let err: Io['err'];
let progress: Io['progress'];
let compiled: Io['compiled'];
let inputsKey: string | undefined;

/** `inputs`: the key file's text (main.ts: the key of every input and the files' stats), kept beside the PDF for the next up-to-date check. */
export async function run(argv: string[], io: Io, inputs?: string): Promise<number> {
  inputsKey = inputs;
  ({ out, err, progress, compiled } = io);
  let request: Request;
  try {
    request = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`brief: ${e.message}`);
    err(HELP.main);
    return 2;
  }
  if (request.help) {
    out(argv.length && argv[0] !== '--help' && argv[0] !== '-h' ? HELP[request.command] : HELP.main);
    return 0;
  }
  if (request.command === 'watch') return watch(request);
  if (request.command === 'init') {
    const made = initProject(request.target!);
    if (!made.ok) {
      err(`brief: ${made.reason}`);
      return 1;
    }
    out(`wrote a sample brief project in ${made.dir}`);
    out(`build it with: brief build --data ${request.target} (writes ${request.target}/out/brief.pdf)`);
    return 0;
  }
  return (await once(request)) ? 0 : 1;
}

/** `rebuilds`: the process builds again (watch), so what a rebuild reuses is kept in memory. */
function options(request: Request, rebuilds = false): BuildOptions & { cache?: ReturnType<typeof deferWrites> } {
  // A progress line per stage, on a terminal only: pipes and CI logs stay quiet.
  // `check` writes nothing, not even to the cache.
  const onStage = progress ? (stage: Stage) => progress!(`${stage}…`) : undefined;
  return { paper: request.paper, final: request.final, formats: request.formats, onStage, rebuilds, cache: usesCache(request) ? deferWrites(diskCache(cacheDir(request), programVersion(), CACHED_PACKAGES)) : undefined };
}

const usesCache = (request: Request) => !request.noCache && request.command !== 'check';
const cacheDir = (request: Request) => join(resolve(request.root), 'out', '.cache');

/** This program's own version for the cache key: the running file's size and time change with every rebuild of it. */
function programVersion(): string {
  const self = statSync(fileURLToPath(import.meta.url));
  return `${self.size}:${self.mtimeMs}`;
}

function clearProgress(): void {
  progress?.('');
}

/** One build or check; true when it succeeded. */
async function once(request: Request, rebuilds = false): Promise<boolean> {
  const started = performance.now();
  try {
    if (request.command === 'check') {
      const result = await build(resolve(request.root), options(request));
      clearProgress();
      report(result);
      out(`check: ok, ${result.document.notes.length} notes, ${result.document.figures.length} figures (${ms(started)})`);
      return true;
    }
    const file = resolve(request.root, request.out);
    const buildOptions = options(request, rebuilds);
    let result: FileResult;
    let took: string;
    try {
      result = await buildToFile(resolve(request.root), file, buildOptions);
      took = ms(started);
    } finally {
      // What the build keeps goes to out/.cache once the brief is written (or the build failed).
      buildOptions.cache?.flush();
    }
    if (usesCache(request)) pruneCache(cacheDir(request));
    clearProgress();
    report(result);
    for (const change of result.changes) out(formatChange(change));
    // The key says which inputs the PDF on disk was written from; a build without one (watch) must not leave an old one.
    if (inputsKey) writeAtomically(keyFile(file), Buffer.from(inputsKey));
    else rmSync(keyFile(file), { force: true });
    if (process.env.BRIEF_TIMINGS) err(`timings: ${Object.entries(result.timings).map(([k, v]) => `${k} ${Math.round(v!)}`).join(', ')} ms`);
    const counts = `${result.document.notes.length} notes, ${result.document.figures.length} figures`;
    if (result.html) out(`wrote ${htmlPath(request.out)}: ${kb(result.html)}, ${counts}, one self-contained page${result.pdf.length ? '' : ` (${took})`}`);
    if (result.pdf.length) out(`wrote ${request.out}: ${kb(result.pdf)}, ${counts}, ${result.paper.toUpperCase()} (${took})`);
    return true;
  } catch (e) {
    clearProgress();
    printFailure(e, request);
    return false;
  }
}

function report(result: BuildResult): void {
  for (const w of result.document.warnings) err(`warning: ${w}`);
  if (result.openItems.length) {
    err(`draft: ${result.openItems.length} open items keep this brief a draft (--final refuses it):`);
    for (const item of result.openItems) err(`  ${formatLocation(item.where)}: ${item.what}`);
  }
}

function printFailure(e: unknown, request: Request): void {
  if (e instanceof BriefFailure) {
    for (const error of e.errors) err(`error: ${formatError(error)}`);
    if (request.command !== 'check') err(`brief: nothing written; ${request.out} is as it was`);
    return;
  }
  err(`error: internal error: ${e instanceof Error ? e.message : String(e)} [internal] — rerun with --debug and report it`);
  if (request.debug && e instanceof Error && e.stack) err(e.stack);
}

function kb(bytes: Buffer): string {
  return `${(bytes.length / 1024).toFixed(0)} KB`;
}

function ms(started: number): string {
  return `${Math.round(performance.now() - started)} ms`;
}

/** Builds, then rebuilds on every change; runs until interrupted. */
async function watch(request: Request): Promise<number> {
  const root = resolve(request.root);
  await once({ ...request, command: 'build' }, true);
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  // The first edit should not wait for vega to load (about 0.2 s) nor run the
  // pipeline's code unoptimised: load vega and build twice more, unseen, while
  // the user reads (after one, V8 had optimised too little: a first edit took
  // 0.36 s against 0.42 s, in four alternating pairs with out/.cache warm).
  // Builds take turns: they share the font and measure stores.
  let running = preloadCharts().then(() => warmUp(request)).then(() => warmUp(request)).then(() => compiled?.()).catch(() => undefined).then(collectYoung);
  const rebuild = () => {
    const files = [...changed].sort();
    changed.clear();
    running = running.then(async () => {
      out(`changed: ${files.join(', ')}`);
      await once({ ...request, command: 'build' }, true);
      // After the PDF is written: the next build starts with the young generation empty.
      collectYoung();
    });
  };
  // Each folder is watched itself, not its files: an editor that saves by
  // writing a new file and renaming it over the old one (as `sed -i` does)
  // replaces the file, and a watch on the old file would go deaf.
  const watchers = new Map<string, FSWatcher>();
  const watchFolder = (folder: string) => {
    if (watchers.has(folder)) return;
    watchers.set(folder, watchFiles(join(root, folder), (_, name) => {
      if (!name || name.endsWith('.tmp') || name.startsWith('.')) return;
      const path = `${folder}/${name}`;
      if (isFolder(join(root, path))) watchFolder(path);
      changed.add(path);
      clearTimeout(timer);
      timer = setTimeout(rebuild, 60);
    }));
  };
  for (const dir of ['data', 'templates', 'charts']) for (const folder of folders(root, dir)) watchFolder(folder);
  out(`watching data/, templates/ and charts/ in ${root} (Ctrl-C to stop)`);
  await new Promise<void>((done) => {
    // Every SIGINT is taken, the first ends the watch: bin/brief.js runs watch as
    // its child, and a terminal's Ctrl-C reaches both.
    process.on('SIGINT', () => done());
    // Started by bin/brief.js: its death, however it dies, ends the watch (no orphan left watching).
    if (process.channel) {
      process.channel.unref();
      process.on('disconnect', () => done());
    }
  });
  watchers.forEach((w) => w.close());
  return 0;
}

/**
 * A build that writes nothing, not even to the cache, and draws every chart
 * again: the code a rebuild runs gets compiled and optimised before it is
 * needed (the first edit in watch took 0.68–0.91 s, now 0.45–0.56 s).
 */
export async function warmUp(request: Request): Promise<void> {
  const { cache, ...rest } = options(request, true);
  const readOnly: Cache | undefined = cache && {
    read: (namespace, key) => (namespace === 'chart' ? undefined : cache.read(namespace, key)),
    write: () => {},
    get: async (namespace, key, compute) => (namespace === 'chart' ? undefined : cache.read(namespace, key)) ?? compute(),
  };
  await build(resolve(request.root), { ...rest, onStage: undefined, cache: readOnly }).catch(() => undefined);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A folder and every folder inside it, relative to the project root. */
function folders(root: string, dir: string): string[] {
  if (!isFolder(join(root, dir))) return [];
  return [dir, ...readdirSync(join(root, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => folders(root, `${dir}/${e.name}`))];
}

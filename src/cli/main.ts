// The `brief` command: parses arguments, runs the pipeline, prints errors one
// per line and exits 0 (ok), 1 (invalid input) or 2 (usage).
import { resolve } from 'node:path';
import { buildToFile } from '../pipeline.ts';
import { BriefFailure, formatError } from '../errors/BriefError.ts';

const USAGE = `usage: brief build [--root DIR] [--out FILE] [--debug]

  build   validate the data and templates and write the brief (default out/brief.pdf)
  --root  the project folder holding data/ and templates/ (default: current folder)
  --out   where to write the PDF
  --debug print stack traces for internal errors`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (command !== 'build') {
    console.error(command ? `brief: unknown command "${command}"` : 'brief: no command given');
    console.error(USAGE);
    return 2;
  }
  const opts = { root: '.', out: 'out/brief.pdf', debug: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    }
    if (a === '--debug') opts.debug = true;
    else if ((a === '--root' || a === '--out') && rest[i + 1]) opts[a.slice(2) as 'root' | 'out'] = rest[++i];
    else {
      console.error(`brief: unknown or incomplete option "${a}"`);
      console.error(USAGE);
      return 2;
    }
  }
  const started = performance.now();
  try {
    const out = resolve(opts.root, opts.out);
    const { document, pdf } = await buildToFile(resolve(opts.root), out);
    for (const w of document.warnings) console.warn(`warning: ${w}`);
    const ms = Math.round(performance.now() - started);
    console.log(`wrote ${opts.out}: ${(pdf.length / 1024).toFixed(0)} KB, ${document.notes.length} notes, in ${ms} ms`);
    return 0;
  } catch (e) {
    if (e instanceof BriefFailure) {
      for (const err of e.errors) console.error(`error: ${formatError(err)}`);
      console.error(`brief: build failed; ${opts.out} was left as it was`);
      return 1;
    }
    console.error(`error: internal error: ${e instanceof Error ? e.message : String(e)} [internal] — rerun with --debug and report it`);
    if (opts.debug && e instanceof Error) console.error(e.stack);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

// Parses `brief <command> [options]` into a typed request, or a usage error.
import { PAPERS, type Paper } from '../layout/theme.ts';
import { FORMATS, type Format } from '../formats.ts';

export type Command = 'build' | 'watch' | 'check' | 'init';

export interface Request {
  command: Command;
  help: boolean;
  /** The project folder: data/, templates/ and charts/ live in it. */
  root: string;
  out: string;
  /** As asked on the command line; otherwise the brief's own (meta.paper), else A4. */
  paper?: Paper;
  final: boolean;
  /** What `build` and `watch` write: the PDF, the web edition (out/brief.html), or both. */
  formats: Format[];
  debug: boolean;
  /** Build everything afresh, ignoring out/.cache. */
  noCache: boolean;
  /** For `init`: the folder to create. */
  target?: string;
}

export class UsageError extends Error {}

const COMMANDS: Command[] = ['build', 'watch', 'check', 'init'];

export function parseArgs(argv: string[]): Request {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return { ...defaults(), command: 'build', help: true };
  if (!COMMANDS.includes(first as Command)) throw new UsageError(`unknown command "${first}"`);
  const request: Request = { ...defaults(), command: first as Command };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (request.command === 'init' && !arg.startsWith('-')) {
      if (request.target !== undefined) throw new UsageError('init takes one folder');
      request.target = arg;
      continue;
    }
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--help':
      case '-h':
        request.help = true;
        break;
      case '--data': // the data folder; its parent holds templates/ and charts/
        request.root = value().replace(/[\\/]+$/, '').replace(/(^|[\\/])data$/, '$1') || '.';
        break;
      case '--root':
        request.root = value();
        break;
      case '--out':
        request.out = value();
        break;
      case '--paper': {
        const paper = value().toLowerCase();
        if (!PAPERS.includes(paper as Paper)) throw new UsageError(`--paper takes ${PAPERS.join(' or ')}, not "${paper}"`);
        request.paper = paper as Paper;
        break;
      }
      case '--final':
        request.final = true;
        break;
      case '--format': {
        const formats = value().toLowerCase().split(',').map((f) => f.trim());
        const unknown = formats.find((f) => !FORMATS.includes(f as Format));
        if (unknown !== undefined || !formats.length) throw new UsageError(`--format takes pdf, html or pdf,html, not "${unknown}"`);
        request.formats = [...new Set(formats as Format[])];
        break;
      }
      case '--debug':
        request.debug = true;
        break;
      case '--no-cache':
        request.noCache = true;
        break;
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  if (request.command === 'init' && request.target === undefined && !request.help) throw new UsageError('init needs a folder: brief init DIR');
  return request;
}

function defaults(): Omit<Request, 'command'> {
  return { help: false, root: '.', out: 'out/brief.pdf', final: false, formats: ['pdf'], debug: false, noCache: false };
}

export const HELP: Record<Command | 'main', string> = {
  main: `usage: brief <command> [options]

commands:
  init    write a small sample brief project into a new folder, ready to build
  build   validate everything and write the brief (out/brief.pdf; --format html for out/brief.html)
  watch   rebuild whenever data/, templates/ or charts/ change
  check   validate everything and lay the brief out, without writing

Run brief <command> --help for its options. Exit codes: 0 ok, 1 invalid input, 2 usage.`,
  build: `usage: brief build [--data DIR] [--out FILE] [--format pdf|html|pdf,html] [--paper a4|letter] [--final] [--debug]

Writes the brief and reports the figures that changed since the last build.
  --data DIR     the project folder, or its data/ folder (default: this folder)
  --out FILE     where to write the PDF, relative to the project (default out/brief.pdf);
                 the web edition goes beside it (out/brief.html)
  --format LIST  pdf (the default), html (one self-contained web page) or pdf,html
  --paper SIZE   a4 or letter (default: paper in data/brief.yaml, else a4)
  --final        refuse to build while open items remain (missing notes, unsourced figures, TODOs)
  --no-cache     regenerate notes and charts instead of reusing out/.cache
  --debug        print stack traces for internal errors`,
  watch: `usage: brief watch [--data DIR] [--out FILE] [--format pdf|html|pdf,html] [--paper a4|letter] [--debug]

Builds, then rebuilds on every change in data/, templates/ or charts/, printing
what changed and how long it took. A broken edit prints its error and keeps the
last good PDF (and web edition). Stop with Ctrl-C.`,
  init: `usage: brief init DIR

Writes a small, complete brief project into DIR (a new or empty folder): its
metadata, two sections, notes and CSL-JSON references, figures, a chart and a
map, and the page furniture, all visibly sample text with sources on
example.org. Build it with: brief build --data DIR (it writes DIR/out/brief.pdf).`,
  check: `usage: brief check [--data DIR] [--paper a4|letter] [--final] [--debug]

Validates data, templates, notes and charts and lays the brief out, without
writing anything. Exit 0 if the brief would build.`,
};

// Bundles src/ for the `brief` command, in two files:
//   dist/brief.cjs        the entry: the up-to-date check, with only Node's built-ins
//                         (CommonJS, like bin/brief.js: it starts 10–20 ms sooner than
//                         an ES module);
//   dist/run-HASH.cjs     everything else, dependencies included, in one script that
//                         src/cli/loadPipeline.ts compiles with V8's code cache.
// HASH is the script's own sha256, so a code cache made for one script can never be
// offered to another (V8 checks only the source's length), and the entry names it.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Loaded from node_modules as they are, not bundled: what reads files from beside
// itself (subset-font's WebAssembly, hyphen's patterns, chosen by language), what
// only a cache miss needs (citeproc, its style and locales, the world's outlines)
// and two modules that load when first used (LAZY, below) and a brief never uses
// (WOFF2 fonts, encryption): each process reads the script whole, and these two
// were 0.53 MB of it. (unicode-properties stays: an edit that adds a word needs
// it, and from node_modules it compiled in 16 ms without the code cache.)
const EXTERNAL = [
  'subset-font', 'hyphen', 'citeproc', '@citation-js/plugin-csl', '@citation/csl-style-chicago-fullnote-bibliography', 'world-atlas',
  'brotli', '@noble/ciphers',
];

// src/ requires CommonJS packages (pdfmake's internals, fontkit) through
// `createRequire(import.meta.url)`, which esbuild cannot follow. In the bundle the
// script's own `require` serves instead, so they are bundled and code-cached too,
// and pdfkit and src/ share one fontkit as they do unbundled.
const ownRequire = {
  name: 'own-require',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replace(/^const require = createRequire\(import\.meta\.url\);$/m, ''), loader: 'ts' };
    });
  },
};

// pdfkit reads its standard fonts' metrics and an ICC profile from beside its own file
// (the brief embeds its own fonts and uses neither): point it at its own folder still.
const pdfkitData = {
  name: 'pdfkit-data',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]pdfkit[\\/]js[\\/]pdfkit\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('__dirname', 'require("node:path").dirname(require.resolve("pdfkit/js/pdfkit.js"))'),
      loader: 'js',
    }));
  },
};

// Modules that do work as they load, for what a brief rarely or never needs, load
// when first used instead: fontkit's WOFF2 decoder (brotli builds a dictionary,
// 25 ms; the brief's fonts are TTF), the Unicode tables of unicode-properties
// (10 ms; used only to shape a word not shaped before) and pdfkit's AES tables
// (7 ms; for encryption, never used). Each stands in with the same names.
const LAZY = ['brotli/decompress.js', 'unicode-properties', '@noble/ciphers/aes'];
const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    const filter = new RegExp(`^(${LAZY.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === 'lazy' ? undefined : { path: args.path, namespace: 'lazy', pluginData: { resolveDir: args.resolveDir } });
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
      const { resolveDir } = args.pluginData;
      const real = createRequire(join(resolveDir, 'index.js'))(args.path);
      const name = JSON.stringify(args.path);
      const contents = typeof real === 'function'
        ? `module.exports = (...args) => require(${name})(...args);`
        : `let real; const load = () => (real ??= require(${name}));\n` +
          Object.keys(real).map((k) => `Object.defineProperty(module.exports, ${JSON.stringify(k)}, { enumerable: true, get: () => load()[${JSON.stringify(k)}] });`).join('\n');
      return { contents, loader: 'js', resolveDir };
    });
  },
};

// zod's messages in 50 languages (0.3 MB) behind `z.locales`: the brief reads
// only the English ones, which zod sets itself (classic/schemas.js imports en.js).
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
    }));
  },
};

// vega-canvas looks for the optional `canvas` package with a top-level await, which a
// script cannot hold. Charts are drawn as SVG: its answers without `canvas`, always.
const noNodeCanvas = {
  name: 'no-node-canvas',
  setup(b) {
    b.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: 'vega-canvas', namespace: 'no-node-canvas' }));
    b.onLoad({ filter: /.*/, namespace: 'no-node-canvas' }, () => ({
      loader: 'js',
      contents: 'export const canvas = () => null, image = () => null, domCanvas = () => null, nodeCanvas = () => null;',
    }));
  },
};

// The entry loads the pipeline from the script above; `./run.ts` is what it imports
// when it runs from src/ instead.
const pipelineOutside = {
  name: 'pipeline-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\/run\.ts$/ }, (args) => ({ path: args.path, external: true }));
  },
};

// Every installed package's version, for src/packageRoot.ts: npm writes them
// all in node_modules/.package-lock.json, whose change makes the bundle again
// (bin/brief.js). Nested copies (node_modules/a/node_modules/b) are left out:
// a name means the top-level package. Without that file (another package
// manager), each version is read from its package.json as before.
export function installedVersions(root) {
  let lock;
  try {
    lock = JSON.parse(readFileSync(join(root, 'node_modules', '.package-lock.json'), 'utf8'));
  } catch {
    return {};
  }
  const versions = {};
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path)?.[1];
    if (name && typeof entry.version === 'string' && !entry.link) versions[name] = entry.version;
  }
  return versions;
}

export async function bundle(root) {
  const dist = join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'error', charset: 'ascii', legalComments: 'none' };
  const script = join(dist, 'run.cjs');
  await build({
    ...common,
    entryPoints: [join(root, 'src', 'cli', 'run.ts')],
    outfile: script,
    format: 'cjs',
    external: EXTERNAL,
    plugins: [noNodeCanvas, ownRequire, pdfkitData, lazyModules, zodEnglishOnly],
    // Smaller and pure ASCII: read and compiled faster. Names are kept for stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__briefBundleUrl', BRIEF_PACKAGE_VERSIONS: JSON.stringify(JSON.stringify(installedVersions(root))) },
    banner: { js: 'var __briefBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  const bytes = readFileSync(script);
  // src/cli/loadPipeline.ts reads it as Latin-1, which is right only for ASCII.
  const high = bytes.findIndex((b) => b > 0x7f);
  if (high >= 0) throw new Error(`bundle: a non-ASCII character esbuild did not escape (a regular expression?): ${bytes.subarray(Math.max(0, high - 60), high + 10).toString()}`);
  const name = `run-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.cjs`;
  // Earlier scripts and their caches go; the same script again (an install that changed nothing) keeps its cache.
  for (const f of readdirSync(dist)) {
    if (f === 'chunks' || (/^run-.*\.(cjs|v8cache)$/.test(f) && !f.startsWith(name.replace(/\.cjs$/, '.')))) rmSync(join(dist, f), { recursive: true, force: true });
  }
  renameSync(script, join(dist, name));
  await build({
    ...common,
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: join(dist, 'brief.cjs'),
    format: 'cjs',
    packages: 'external',
    plugins: [pipelineOutside],
    define: { BRIEF_PIPELINE_BUNDLE: JSON.stringify(name), 'import.meta.url': '__briefEntryUrl' },
    banner: { js: 'var __briefEntryUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  rmSync(join(dist, 'brief.mjs'), { force: true }); // the entry before it was CommonJS
}

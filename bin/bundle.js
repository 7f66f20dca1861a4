// Bundles src/ for the `brief` command, in two files:
//   dist/brief.mjs        the entry: the up-to-date check, with only Node's built-ins;
//   dist/run-HASH.cjs     everything else, dependencies included, in one script that
//                         src/cli/loadPipeline.ts compiles with V8's code cache.
// HASH is the script's own sha256, so a code cache made for one script can never be
// offered to another (V8 checks only the source's length), and the entry names it.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

// Loaded from node_modules as they are, not bundled: what reads files from beside
// itself (subset-font's WebAssembly, hyphen's patterns, chosen by language) and
// what only a cache miss needs (citeproc, its style and locales, the world's outlines).
const EXTERNAL = ['subset-font', 'hyphen', 'citeproc', '@citation-js/plugin-csl', '@citation/csl-style-chicago-fullnote-bibliography', 'world-atlas'];

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
// fontkit's WOFF2 decoder (brotli) builds a dictionary as it loads, 25 ms, for a
// format the brief's TTF fonts never use: loaded when first called instead.
const packageFiles = (root) => ({
  name: 'package-files',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]pdfkit[\\/]js[\\/]pdfkit\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('__dirname', 'require("node:path").dirname(require.resolve("pdfkit/js/pdfkit.js"))'),
      loader: 'js',
    }));
    b.onResolve({ filter: /^brotli\/decompress\.js$/ }, (args) => (args.namespace === 'lazy-brotli' ? undefined : { path: 'brotli', namespace: 'lazy-brotli' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-brotli' }, () => ({
      contents: 'module.exports = (...args) => require("brotli/decompress.js")(...args);',
      loader: 'js',
      resolveDir: root,
    }));
  },
});

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

export async function bundle(root) {
  const dist = join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  for (const f of readdirSync(dist, { withFileTypes: true })) {
    if (f.name === 'chunks' || /^run-.*\.(cjs|v8cache)$/.test(f.name)) rmSync(join(dist, f.name), { recursive: true, force: true });
  }
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'error', charset: 'ascii', legalComments: 'none' };
  const script = join(dist, 'run.cjs');
  await build({
    ...common,
    entryPoints: [join(root, 'src', 'cli', 'run.ts')],
    outfile: script,
    format: 'cjs',
    external: EXTERNAL,
    plugins: [noNodeCanvas, ownRequire, packageFiles(root)],
    // Smaller and pure ASCII: read and compiled faster. Names are kept for stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__briefBundleUrl' },
    banner: { js: 'var __briefBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  const bytes = readFileSync(script);
  // src/cli/loadPipeline.ts reads it as Latin-1, which is right only for ASCII.
  const high = bytes.findIndex((b) => b > 0x7f);
  if (high >= 0) throw new Error(`bundle: a non-ASCII character esbuild did not escape (a regular expression?): ${bytes.subarray(Math.max(0, high - 60), high + 10).toString()}`);
  const name = `run-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.cjs`;
  renameSync(script, join(dist, name));
  await build({
    ...common,
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: join(dist, 'brief.mjs'),
    format: 'esm',
    packages: 'external',
    plugins: [pipelineOutside],
    define: { BRIEF_PIPELINE_BUNDLE: JSON.stringify(name) },
  });
}

// citeproc-js with the Chicago full-note style (CMOS 17th edition, npm
// @citation/csl-style-chicago-fullnote-bibliography) and the brief's CSL
// locale from @citation-js/plugin-csl (load/language.ts picks it). Output goes through a custom format that
// marks italics and links with private-use characters, which `toInlines`
// turns into the model's inlines: no HTML is produced or parsed back.
import { createRequire } from 'node:module';
import type { Reference } from '../load/schema.ts';
import type { Inline } from '../model/types.ts';
import { DOI, isSafeLink } from '../model/links.ts';

const require = createRequire(import.meta.url);

const ITALIC_START = '\uE000';
const ITALIC_END = '\uE001';
const LINK_START = '\uE002';
const LINK_END = '\uE003';

interface CslEngine {
  opt: { development_extensions: { wrap_url_and_doi: boolean } };
  setOutputFormat(name: string): void;
  updateItems(ids: string[]): void;
  processCitationCluster(citation: unknown, before: [string, number][], after: [string, number][]): [unknown, [number, string, string][]];
  makeBibliography(): [unknown, string[]] | false;
}

let CSL: { Engine: new (sys: unknown, style: string, lang: string) => CslEngine; Output: { Formats: Record<string, unknown> } } | undefined;

function csl() {
  if (!CSL) {
    CSL = require('citeproc');
    const text = CSL!.Output.Formats.text as Record<string, unknown>;
    const escape = (s: string) => s.replace(/[\uE000-\uE003]/g, '');
    CSL!.Output.Formats.brief = {
      ...text,
      text_escape: (s: string) => escape(s ?? ''),
      '@font-style/italic': (_: unknown, s: string) => `${ITALIC_START}${s}${ITALIC_END}`,
      '@font-style/oblique': (_: unknown, s: string) => `${ITALIC_START}${s}${ITALIC_END}`,
      // Only safe links become links (schema.ts has refused the rest); a DOI is linked through doi.org only if it is one.
      '@URL/true': (_: unknown, s: string) => (isSafeLink(s) ? `${LINK_START}${s}${LINK_END}` : s),
      '@DOI/true': (_: unknown, s: string) => (DOI.test(s) ? `${LINK_START}https://doi.org/${s}${LINK_END}` : isSafeLink(s) ? `${LINK_START}${s}${LINK_END}` : s),
    };
  }
  return CSL!;
}

export function createEngine(references: Record<string, Reference>, locale = 'en-US'): CslEngine {
  const style = (require('@citation/csl-style-chicago-fullnote-bibliography').default as { content: string }).content;
  const locales = require('@citation-js/plugin-csl/lib/locales.json') as Record<string, string>;
  const engine = new (csl().Engine)(
    { retrieveLocale: (lang: string) => locales[lang] ?? locales[locale], retrieveItem: (id: string) => references[id] },
    style,
    locale,
  );
  engine.opt.development_extensions.wrap_url_and_doi = true;
  engine.setOutputFormat('brief');
  engine.updateItems(Object.keys(references));
  return engine;
}

/** The marked-up string from the custom format, as model inlines. */
export function toInlines(marked: string): Inline[] {
  const out: Inline[] = [];
  const re = /\uE000([\s\S]*?)\uE001|\uE002([\s\S]*?)\uE003/g;
  let last = 0;
  for (let m; (m = re.exec(marked)); ) {
    if (m.index > last) out.push({ kind: 'text', text: marked.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'emphasis', children: toInlines(m[1]) });
    else out.push({ kind: 'link', url: m[2], children: [{ kind: 'text', text: m[2] }] });
    last = re.lastIndex;
  }
  if (last < marked.length) out.push({ kind: 'text', text: marked.slice(last) });
  return out;
}

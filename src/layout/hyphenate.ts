// Marks where lower-case words may break, with the TeX patterns of the
// brief's language (npm `hyphen`). Capitalised words, names, numbers and URLs
// are left whole.
import { createRequire } from 'node:module';
import { language } from '../load/language.ts';
import type { Cache } from '../cache/cache.ts';
import { KeptMap } from '../cache/keptMap.ts';

const require = createRequire(import.meta.url);
type Hyphenator = (text: string, options?: { hyphenChar?: string }) => string;

/**
 * Per set of patterns: the patterns, loaded when a word is not known yet, and
 * every word broken so far. A fresh process takes the words from the cache
 * (out/.cache): the paper's 3,400 words cost 75 ms to break, patterns loaded.
 */
interface Patterns { name: string; hyphenate?: Hyphenator; words: KeptMap<string> }
const patternSets = new Map<string, Patterns>();
const isString = (v: unknown): v is string => typeof v === 'string';

function patternsFor(lang: string): Patterns {
  const name = language(lang)?.hyphenation ?? 'en-gb';
  let p = patternSets.get(name);
  if (!p) patternSets.set(name, (p = { name, words: new KeptMap('hyphenation', isString) }));
  return p;
}

/** Before layout: the words broken in earlier builds, from the cache. */
export function recallHyphenation(cache: Cache | undefined, lang: string): void {
  const p = patternsFor(lang);
  p.words.recall(cache, p.name);
}

/** After layout: keeps the words if this build broke new ones. */
export function keepHyphenation(cache: Cache | undefined, lang: string): void {
  const p = patternsFor(lang);
  p.words.keep(cache, p.name);
}

/**
 * The mark for a permitted break inside a word: the PDF stage draws a hyphen
 * there when a line ends on it, except inside a link, where a URL breaks
 * without one.
 */
export const SOFT_BREAK = '\u200B';

/** TeX's defaults: at least two letters before a break and three after. */
const LEFT_MIN = 2;
const RIGHT_MIN = 3;
const LOWER_WORD = /(?<![\p{L}\p{N}])\p{Ll}{6,}(?![\p{L}\p{N}])/gu;
/** A token that looks like an address: a slash, an @, www., or a dot followed by a domain-like ending. */
const URL_LIKE = /[/@]|www\.|\w\.[a-z]{2,}(?:\/|$|[.,;:)]?$)/i;

export function hyphenate(text: string, lang = 'en-GB'): string {
  const p = patternsFor(lang);
  return text.replace(/\S+/g, (token) => (URL_LIKE.test(token) ? token : token.replace(LOWER_WORD, (w) => known(p, w))));
}

function known(p: Patterns, word: string): string {
  let broken = p.words.values.get(word);
  if (broken === undefined) {
    p.hyphenate ??= (require(`hyphen/${p.name}`) as { hyphenateSync: Hyphenator }).hyphenateSync;
    p.words.values.set(word, (broken = breakWord(word, p.hyphenate)));
  }
  return broken;
}

function breakWord(word: string, hyphenateSync: Hyphenator): string {
  const parts = hyphenateSync(word, { hyphenChar: '\u0000' }).split('\u0000');
  let out = '';
  let done = 0;
  for (let i = 0; i < parts.length; i++) {
    done += parts[i].length;
    out += parts[i];
    if (i < parts.length - 1 && done >= LEFT_MIN && word.length - done >= RIGHT_MIN) out += SOFT_BREAK;
  }
  return out;
}

/** A URL may also break after each single slash (Chicago's rule), never inside "//". */
export function breakableUrl(url: string): string {
  return url.replace(/(?<!\/)\/(?!\/|$)/g, `/${SOFT_BREAK}`);
}

// Marks where lower-case words may break, with the TeX patterns of the
// brief's language (npm `hyphen`). Capitalised words, names, numbers and URLs
// are left whole.
import { createRequire } from 'node:module';
import { language } from '../load/language.ts';

const require = createRequire(import.meta.url);
type Hyphenator = (text: string, options?: { hyphenChar?: string }) => string;
const hyphenators = new Map<string, Hyphenator>();

function hyphenatorFor(lang: string): Hyphenator {
  const patterns = language(lang)?.hyphenation ?? 'en-gb';
  let h = hyphenators.get(patterns);
  if (!h) {
    h = (require(`hyphen/${patterns}`) as { hyphenateSync: Hyphenator }).hyphenateSync;
    hyphenators.set(patterns, h);
  }
  return h;
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
  const hyphenateSync = hyphenatorFor(lang);
  return text.replace(/\S+/g, (token) => (URL_LIKE.test(token) ? token : token.replace(LOWER_WORD, (w) => breakWord(w, hyphenateSync))));
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

// The languages a brief can be written in: one setting (meta.language) picks
// the hyphenation patterns (npm hyphen), the CSL locale for the notes (npm
// @citation-js/plugin-csl, which ships en-US, de-DE, fr-FR, es-ES and nl-NL)
// and, through Intl, how numbers and dates are written.

export interface Language {
  /** The BCP 47 tag as data gives it, for Intl and the PDF's /Lang. */
  tag: string;
  /** The `hyphen` package's pattern module. */
  hyphenation: string;
  /** The CSL locale citeproc writes the notes in. */
  cslLocale: string;
}

const SUPPORTED: Record<string, Omit<Language, 'tag'>> = {
  en: { hyphenation: 'en-gb', cslLocale: 'en-US' },
  'en-GB': { hyphenation: 'en-gb', cslLocale: 'en-US' },
  'en-US': { hyphenation: 'en-us', cslLocale: 'en-US' },
  de: { hyphenation: 'de', cslLocale: 'de-DE' },
  'de-DE': { hyphenation: 'de', cslLocale: 'de-DE' },
  'de-AT': { hyphenation: 'de', cslLocale: 'de-DE' },
  'de-CH': { hyphenation: 'de', cslLocale: 'de-DE' },
  fr: { hyphenation: 'fr', cslLocale: 'fr-FR' },
  'fr-FR': { hyphenation: 'fr', cslLocale: 'fr-FR' },
  'fr-BE': { hyphenation: 'fr', cslLocale: 'fr-FR' },
  'fr-CH': { hyphenation: 'fr', cslLocale: 'fr-FR' },
  es: { hyphenation: 'es', cslLocale: 'es-ES' },
  'es-ES': { hyphenation: 'es', cslLocale: 'es-ES' },
  nl: { hyphenation: 'nl', cslLocale: 'nl-NL' },
  'nl-NL': { hyphenation: 'nl', cslLocale: 'nl-NL' },
  'nl-BE': { hyphenation: 'nl', cslLocale: 'nl-NL' },
};

export const SUPPORTED_LANGUAGES = Object.keys(SUPPORTED);

/** The language for a tag, or undefined if the brief cannot be set in it. */
export function language(tag: string): Language | undefined {
  const found = Object.hasOwn(SUPPORTED, tag) ? SUPPORTED[tag] : undefined;
  return found && { tag, ...found };
}

// Turns model inlines into pdfmake text runs.
import type { Inline } from '../model/types.ts';
import { colour } from './theme.ts';
import { breakableUrl, hyphenate } from './hyphenate.ts';
import { isSafeLink, schemeOf } from '../model/links.ts';

export type Run = Record<string, unknown> & { text: string | Run[] };

/** `lang` picks the hyphenation patterns. */
export function runs(inlines: Inline[], lang: string, inherited: Record<string, unknown> = {}): Run[] {
  return inlines.flatMap((n): Run[] => {
    switch (n.kind) {
      case 'text':
        return [{ text: inherited.link ? breakableUrl(n.text) : hyphenate(n.text, lang), ...inherited }];
      case 'emphasis':
        return runs(n.children, lang, { ...inherited, italics: true });
      case 'strong':
        return runs(n.children, lang, { ...inherited, bold: true });
      case 'link':
        // The model refuses unsafe links where they come from; this is the last line of defence.
        if (!isSafeLink(n.url)) throw new Error(`unsafe link reached layout: ${schemeOf(n.url)}:`);
        return runs(n.children, lang, { ...inherited, link: n.url, color: colour.accent });
      case 'figureRef':
        return [];
      case 'noteRef':
        return [{ text: String(n.number), ...inherited, sup: true, linkToDestination: `note-${n.number}`, noteRef: n.number }];
    }
  });
}

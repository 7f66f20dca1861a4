// Model inlines as HTML: emphasis, links (the same schemes as the PDF), note
// markers that link to their note and back.
import type { Inline } from '../model/types.ts';
import { isSafeLink, schemeOf } from '../model/links.ts';
import { el, esc } from './escape.ts';

export function inlineHtml(inlines: Inline[]): string {
  return inlines.map((n) => {
    switch (n.kind) {
      case 'text':
        return esc(n.text);
      case 'emphasis':
        return `<em>${inlineHtml(n.children)}</em>`;
      case 'strong':
        return `<strong>${inlineHtml(n.children)}</strong>`;
      case 'link':
        // The model refuses unsafe links where they come from; this is the last line of defence.
        if (!isSafeLink(n.url)) throw new Error(`unsafe link reached the web edition: ${schemeOf(n.url)}:`);
        return el('a', { href: n.url }, inlineHtml(n.children));
      case 'figureRef':
        return '';
      case 'noteRef':
        return el('a', { href: `#note-${n.number}`, id: `ref-${n.number}`, role: 'doc-noteref', class: 'noteref', 'aria-label': `Note ${n.number}` }, String(n.number));
    }
  }).join('');
}

/** The words of some inlines, for counting and for the font subset. */
export function inlineText(inlines: Inline[]): string {
  return inlines.map((n) => (n.kind === 'text' ? n.text : 'children' in n ? inlineText(n.children) : n.kind === 'noteRef' ? String(n.number) : '')).join('');
}

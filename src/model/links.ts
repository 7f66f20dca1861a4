// Which links a brief may carry: web pages and e-mail addresses, nothing
// else (no javascript:, file:, data: or relative links), wherever a link comes
// from: the prose, a note's Markdown, a reference's URL or DOI.

export const LINK_SCHEMES = ['https', 'http', 'mailto'];

/** The link's scheme ("javascript", "file" …), or "" for a link without one. */
export function schemeOf(url: string): string {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1].toLowerCase() ?? '';
}

export function isSafeLink(url: string): boolean {
  return LINK_SCHEMES.includes(schemeOf(url)) && !/[\s\u0000-\u001f]/.test(url);
}

/** A DOI as CSL-JSON holds it: 10.NNNN/suffix. Only a real DOI is linked through https://doi.org/. */
export const DOI = /^10\.\d{4,}\/\S+$/;

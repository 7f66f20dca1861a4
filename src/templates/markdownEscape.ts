// Makes a data string literal inside Markdown: data may contain *, _, [ or #
// and must print them, never turn them into markup.
//
// `&`, `<`, `>`, quotes and backticks are left to Handlebars' own HTML
// escaping of {{…}}; CommonMark decodes those entities back to literal text.
const MARKDOWN_PUNCTUATION = /[\\*_[\]#+\-.!|~(){}]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}

/** A deep copy of plain data with every string escaped. */
export function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeMarkdown(value) as T;
  if (Array.isArray(value)) return value.map(escapeStrings) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeStrings(v);
    return out as T;
  }
  return value;
}

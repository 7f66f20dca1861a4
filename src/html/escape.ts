// Escaping for the web edition: every string from data reaches the HTML
// through these, so none of it can become markup.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text content or a quoted attribute value. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

type Attributes = Record<string, string | number | undefined>;

/** An element with escaped attributes around already-built inner HTML; attributes whose value is undefined are left out. */
export function el(name: string, attrs: Attributes, inner = ''): string {
  return `${tag(name, attrs)}${inner}</${name}>`;
}

/** An opening tag alone: a void element (meta) or the start of one built in parts. */
export function tag(name: string, attrs: Attributes): string {
  const list = Object.entries(attrs).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${esc(String(v))}"`).join('');
  return `<${name}${list}>`;
}

// A font's `post` table, its fixed header read at once and its glyph names
// only if asked for. pdfkit reads two header fields as it embeds a font (the
// italic angle and whether it is monospaced); fontkit decodes the whole table
// for them, thousands of glyph names in the brief's fonts, about 5–10 ms of a
// fresh build for the faces a brief embeds.
import type * as Fontkit from 'fontkit';

/** The header, as fontkit decodes it (OpenType `post`: version and italicAngle are 16.16 fixed-point). */
export interface PostHeader {
  version: number;
  italicAngle: number;
  underlinePosition: number;
  underlineThickness: number;
  isFixedPitch: number;
  minMemType42: number;
  maxMemType42: number;
  minMemType1: number;
  maxMemType1: number;
}

const HEADER_BYTES = 32;

/** The header of the `post` table at `offset` in the font's bytes, or undefined if the table is too short. */
export function postHeader(bytes: Uint8Array, offset: number, length: number): PostHeader | undefined {
  if (length < HEADER_BYTES || offset + HEADER_BYTES > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, HEADER_BYTES);
  return {
    version: view.getInt32(0) / 65536,
    italicAngle: view.getInt32(4) / 65536,
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
}

/** What fontkit keeps of a font that this reads (TTFFont's own fields, not in its types). */
interface FontInternals {
  _tables: Record<string, unknown>;
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  stream: { buffer: Uint8Array };
  _decodeTable(entry: unknown): Record<string, unknown>;
}

/** The fields after the header, by version: read from fontkit's own decoding of the whole table, made on first use. */
const AFTER_HEADER = ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'];

/**
 * Puts the header in place of the table fontkit would decode, with the rest
 * decoded by fontkit when first read. A font without the table, or with one
 * too short, is left to fontkit.
 */
export function lazyPostTable(font: Fontkit.Font): Fontkit.Font {
  const f = font as unknown as FontInternals;
  const entry = f.directory.tables.post;
  if (!entry || 'post' in f._tables) return font;
  const header = postHeader(f.stream.buffer, entry.offset, entry.length);
  if (!header) return font;
  let whole: Record<string, unknown> | undefined;
  const table: Record<string, unknown> = { ...header };
  for (const key of AFTER_HEADER) {
    Object.defineProperty(table, key, { enumerable: true, get: () => (whole ??= f._decodeTable(entry))[key] });
  }
  f._tables.post = table;
  return font;
}

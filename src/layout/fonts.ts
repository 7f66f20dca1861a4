// The brief's fonts: Source Serif 4 for text and Source Sans 3 for headings,
// as TTF files from their npm packages (both cover č ć š ž đ).
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type * as Fontkit from 'fontkit';
import { dirname, join } from 'node:path';
import { fail } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import { lazyPostTable } from './postTable.ts';
import { installStructSetup } from './structSetup.ts';

const require = createRequire(import.meta.url);
// fontkit's CommonJS build, the one pdfkit requires: importing it as ESM would
// load a second copy of fontkit (about 150 ms and its memory) in every build.
const fontkit = require('fontkit') as typeof Fontkit;
// Before any font is opened, here or by pdfkit: both decode through it.
installStructSetup();

export const SERIF = 'Source Serif 4';
export const SANS = 'Source Sans 3';

export interface FaceFiles { normal: string; bold: string; italics: string; bolditalics: string }

function family(pkg: string, prefix: string, regular: string, bold: string): FaceFiles {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const file = (weight: string, italic: boolean) =>
    join(dir, `${weight}${italic ? '_Italic' : ''}`, `${prefix}_${weight}${italic ? '_Italic' : ''}.ttf`);
  return { normal: file(regular, false), bold: file(bold, false), italics: file(regular, true), bolditalics: file(bold, true) };
}

let cached: Record<string, FaceFiles> | undefined;

/** Font files by family, checked to exist. */
export function fontFiles(): Record<string, FaceFiles> {
  if (cached) return cached;
  const fonts = {
    [SERIF]: family('@expo-google-fonts/source-serif-4', 'SourceSerif4', '400Regular', '600SemiBold'),
    [SANS]: family('@expo-google-fonts/source-sans-3', 'SourceSans3', '400Regular', '600SemiBold'),
  };
  checkFontFiles(fonts);
  cached = fonts;
  return fonts;
}

/** Stops the build, naming the file, if a font file is not where its package should have put it. */
export function checkFontFiles(fonts: Record<string, FaceFiles>): void {
  for (const faces of Object.values(fonts)) for (const f of Object.values(faces)) if (!existsSync(f)) fail(messages.fontMissing(f));
}

const lineHeights = new Map<string, number>();

/**
 * pdfmake's `lineHeight` for a leading of `multiple` × the type size: pdfmake
 * multiplies the font's own line height ((ascent − descent) / em, as pdfkit
 * measures it: 1.371 for Source Serif 4, 1.424 for Source Sans 3).
 */
export function lineHeightFor(multiple: number, family: string): number {
  let own = lineHeights.get(family);
  if (own === undefined) {
    const font = openFont(fontFiles()[family].normal);
    own = (font.ascent - font.descent) / font.unitsPerEm;
    lineHeights.set(family, own);
  }
  return multiple / own;
}

/** Per font file, once per process: its bytes, their sha256 and fontkit's font. */
interface FontFile { bytes: Buffer; digest?: string; font?: Fontkit.Font }
const read = new Map<string, FontFile>();

function fontFile(file: string): FontFile {
  let f = read.get(file);
  if (!f) read.set(file, (f = { bytes: readFileSync(file) }));
  return f;
}

/** A font file's bytes, read once per process (pdfkit would read them again for each document). */
export function fontBytes(file: string): Buffer {
  return fontFile(file).bytes;
}

/** A font file's sha256: the key of what is cached from it (shaped words, label widths, web subsets). */
export function fontDigest(file: string): string {
  const f = fontFile(file);
  return (f.digest ??= createHash('sha256').update(f.bytes).digest('hex'));
}

/**
 * fontkit's font for a file, one per process: fontkit decodes a font's tables
 * as they are first used (the character map, the OpenType layout), so the uses
 * that share it (chart labels, the glyph check, the line height) decode them
 * once; its `post` table only as far as pdfkit reads it (postTable.ts).
 * (pdfkit opens its own, per document, and shares these tables: fontCache.ts.)
 */
export function openFont(file: string): Fontkit.Font {
  const f = fontFile(file);
  return (f.font ??= lazyPostTable(fontkit.create(f.bytes) as Fontkit.Font));
}

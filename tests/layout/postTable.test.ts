// The `post` table read lazily (src/layout/postTable.ts): its header as fontkit
// decodes it, its glyph names only when asked for, and then fontkit's own.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type * as Fontkit from 'fontkit';
import { fontFiles } from '../../src/layout/fonts.ts';
import { lazyPostTable, postHeader } from '../../src/layout/postTable.ts';

const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;
type Internals = { post: Record<string, unknown>; _decodeTable(entry: { tag: string }): unknown; getGlyph(id: number): { name: string } };

/** A fresh font whose table decodes are counted by tag. */
function counted(file: string): { font: Fontkit.Font & Internals; decoded: string[] } {
  const font = fontkit.create(readFileSync(file)) as unknown as Fontkit.Font & Internals;
  const decoded: string[] = [];
  const own = font._decodeTable.bind(font);
  font._decodeTable = (entry) => (decoded.push(entry.tag), own(entry));
  return { font, decoded };
}

const files = Object.values(fontFiles()).flatMap((faces) => Object.values(faces));

describe('the post table', () => {
  test('a hand-made header reads as the OpenType spec says (16.16 fixed-point angle, signed underline)', () => {
    const bytes = new Uint8Array(40);
    const view = new DataView(bytes.buffer);
    view.setInt32(8, 0x00020000); // version 2.0, the table 8 bytes in
    view.setInt32(12, -12 * 65536 - 32768); // −12.5°
    view.setInt16(16, -75);
    view.setInt16(18, 50);
    view.setUint32(20, 1);
    expect(postHeader(bytes, 8, 32)).toEqual({
      version: 2, italicAngle: -12.5, underlinePosition: -75, underlineThickness: 50, isFixedPitch: 1,
      minMemType42: 0, maxMemType42: 0, minMemType1: 0, maxMemType1: 0,
    });
    expect(postHeader(bytes, 8, 31)).toBeUndefined();
    expect(postHeader(bytes, 12, 32)).toBeUndefined();
  });

  test.each(files.map((f) => [f.replace(/.*\//, ''), f]))('%s: the header without decoding the table, the names as fontkit gives them', (_name, file) => {
    const plain = counted(file);
    const lazy = counted(file);
    lazyPostTable(lazy.font);
    expect(lazy.font.italicAngle).toBe(plain.font.italicAngle); // fontkit's getter, from post
    expect(lazy.decoded).not.toContain('post');
    const whole = plain.font.post;
    for (const key of ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1']) {
      expect(lazy.font.post[key], key).toBe(whole[key]);
    }
    expect(lazy.decoded).not.toContain('post');
    // Glyph names come from fontkit's own decoding, made once.
    for (const id of [1, 36, 100, 500]) expect(lazy.font.getGlyph(id).name).toBe(plain.font.getGlyph(id).name);
    expect(lazy.font.post.glyphNameIndex).toEqual(whole.glyphNameIndex);
    expect(lazy.decoded.filter((t) => t === 'post')).toHaveLength(1);
  });

  test('the Italic faces slant: the angle is read, not assumed', () => {
    const angles = files.map((f) => { const { font } = counted(f); lazyPostTable(font); return font.italicAngle; });
    expect(angles.filter((a) => a < 0).length).toBe(4); // the four Italic faces of the two families
    expect(angles.filter((a) => a === 0).length).toBe(4);
  });
});

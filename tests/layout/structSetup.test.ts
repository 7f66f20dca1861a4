// restructure's Struct._setup replaced (src/layout/structSetup.ts): the same
// records as restructure makes them, so fontkit decodes and shapes the same.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { fontFiles, openFont } from '../../src/layout/fonts.ts';
import { patchStructSetup, structRecord, type StructPrototype } from '../../src/layout/structSetup.ts';

const require = createRequire(import.meta.url);
const dumpScript = fileURLToPath(new URL('./fixtures/fontDump.cjs', import.meta.url));
const files = Object.values(fontFiles()).flatMap((faces) => Object.values(faces));

// restructure 3.0.2's own _setup, as published and as esbuild bundles it.
const published = `_setup(stream, parent, length) {
        const res = {};
        // define hidden properties
        Object.defineProperties(res, {
            parent: {
                value: parent
            },
            _startOffset: {
                value: stream.pos
            },
            _currentOffset: {
                value: 0,
                writable: true
            },
            _length: {
                value: length
            }
        });
        return res;
    }`;
const bundled = '_setup(stream2,parent,length2){let res={};return Object.defineProperties(res,{parent:{value:parent},_startOffset:{value:stream2.pos},_currentOffset:{value:0,writable:!0},_length:{value:length2}}),res}';
const fake = (source: string): StructPrototype => ({ _setup: Object.assign(() => ({}), { toString: () => source }) });

describe('the faster Struct._setup', () => {
  test('is in place once the fonts module has loaded', () => {
    openFont(files[0]);
    const proto = (require('restructure') as { Struct: { prototype: StructPrototype } }).Struct.prototype;
    expect(proto._setup.toString()).not.toContain('defineProperties');
  });

  test("a record has restructure's four hidden fields: own, not enumerable, only _currentOffset writable", () => {
    const parent = { table: 'GPOS' };
    const record = structRecord(parent, 12, 34);
    const other = structRecord(undefined, 56, 0);
    expect(Object.getOwnPropertyNames(record)).toEqual(['parent', '_startOffset', '_currentOffset', '_length']);
    expect(Object.keys(record)).toEqual([]);
    expect(Object.getOwnPropertyDescriptors(record)).toEqual({
      parent: { value: parent, writable: false, enumerable: false, configurable: false },
      _startOffset: { value: 12, writable: false, enumerable: false, configurable: false },
      _currentOffset: { value: 0, writable: true, enumerable: false, configurable: false },
      _length: { value: 34, writable: false, enumerable: false, configurable: false },
    });
    expect([other.parent, other._startOffset, other._length]).toEqual([undefined, 56, 0]);
    record._currentOffset = 8;
    expect([record._currentOffset, other._currentOffset]).toEqual([8, 0]);
  });

  test('replaces only the _setup it was written against, in the version it was written for', () => {
    for (const source of [published, bundled]) {
      const proto = fake(source);
      expect(patchStructSetup(proto, '3.0.2')).toBe(true);
      expect(proto._setup({ pos: 7 }, null, 3)._startOffset).toBe(7);
    }
    const changed = fake(published.replace('_length: {', '_end: { value: stream.pos },\n_length: {'));
    const before = changed._setup;
    expect(patchStructSetup(changed, '3.0.2')).toBe(false);
    expect(changed._setup).toBe(before);
    expect(patchStructSetup(fake(published), '3.0.3')).toBe(false);
  });

  test('fontkit shapes and decodes every face as with restructure as published', () => {
    // Here, restructure is patched (the fonts module above); in a plain node, it is not.
    const { dump } = require(dumpScript) as { dump(file: string): string };
    const patched = files.map((file) => dump(file));
    const published = execFileSync(process.execPath, [dumpScript, ...files], { encoding: 'utf8' }).trimEnd().split('\n');
    expect(published).toHaveLength(files.length);
    for (let i = 0; i < files.length; i++) expect(patched[i], files[i]).toBe(published[i]);
    // Real records were compared: kerning moved some glyph, and the hidden fields were there.
    expect(patched.join('')).toContain('"_currentOffset",false,true,false');
  });
});

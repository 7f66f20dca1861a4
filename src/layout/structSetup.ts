// A faster start for each record fontkit decodes (restructure's Struct._setup).
//
// fontkit reads a font's tables through restructure, and every record it
// decodes (a lookup, a coverage range, a kerning class row, a glyph's metrics)
// starts as an object given four hidden fields by one Object.defineProperties
// call with four fresh descriptor objects. A font's first shaping decodes
// thousands of them: about half of its 30–40 ms in a fresh process. Here the
// same four fields, with the same attributes and in the same order, are given
// by Object.defineProperty with descriptors kept from call to call.
import { createRequire } from 'node:module';
import { packageVersion } from '../packageRoot.ts';
import { asBundled } from '../bundledSource.ts';

const require = createRequire(import.meta.url);

/** The restructure version whose Struct._setup this replaces (fontkit's; package.json pins it). */
export const RESTRUCTURE_VERSION = '3.0.2';

/**
 * What restructure's own _setup must read like, without comments, spaces and
 * the digits esbuild adds to names (`stream2`): a new object given the four
 * fields in one call, and nothing else (esbuild writes `true` as `!0`).
 */
const EXPECTED = /^_setup\(stream,parent,length\)\{(const|let)res=\{\};(return)?Object\.defineProperties\(res,\{parent:\{value:parent\},_startOffset:\{value:stream\.pos\},_currentOffset:\{value:0,writable:(true|!0)\},_length:\{value:length\}\}\)(;returnres;|,res)\}$/;
const asCompared = (code: string) => asBundled(code.replace(/\/\/[^\n]*/g, ''));

// Read at each call (ECMAScript's ToPropertyDescriptor), so one object per field serves every record.
const parentField: PropertyDescriptor = { value: undefined };
const startField: PropertyDescriptor = { value: 0 };
const currentField: PropertyDescriptor = { value: 0, writable: true };
const lengthField: PropertyDescriptor = { value: 0 };

/** A new record with restructure's four hidden fields: not enumerable, not configurable, only `_currentOffset` writable. */
export function structRecord(parent: unknown, startOffset: number, length: number): Record<string, unknown> {
  const res = {};
  parentField.value = parent;
  startField.value = startOffset;
  lengthField.value = length;
  Object.defineProperty(res, 'parent', parentField);
  Object.defineProperty(res, '_startOffset', startField);
  Object.defineProperty(res, '_currentOffset', currentField);
  Object.defineProperty(res, '_length', lengthField);
  parentField.value = undefined; // no reference kept to the last parent (a whole font's table tree)
  return res;
}

/** What of restructure's Struct.prototype this replaces. */
export interface StructPrototype { _setup(stream: { pos: number }, parent: unknown, length?: number): Record<string, unknown> }

/**
 * Replaces a Struct prototype's _setup if the version and the source are the
 * ones this was written against; otherwise leaves it (slower, the same output)
 * and says so by returning false.
 */
export function patchStructSetup(proto: StructPrototype, version: string): boolean {
  const source = asCompared(proto._setup.toString());
  if (version !== RESTRUCTURE_VERSION || !EXPECTED.test(source)) return false;
  proto._setup = function (stream, parent, length = 0) {
    return structRecord(parent, stream.pos, length);
  };
  return true;
}

let installed = false;

/** Patches the restructure fontkit and pdfkit use, once per process. */
export function installStructSetup(): boolean {
  if (!installed) installed = patchStructSetup((require('restructure') as { Struct: { prototype: StructPrototype } }).Struct.prototype, packageVersion('restructure'));
  return installed;
}

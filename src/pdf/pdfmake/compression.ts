// Streams: pdfkit compresses every stream with zlib's deflateSync as the
// document ends. While a brief renders, that call goes through the process's
// stream memo (core: pdf/streamMemo.ts), so a rebuild in `brief watch`
// compresses only the streams that changed. Other callers, and calls with
// options, reach zlib untouched.
import { createRequire } from 'node:module';
import type * as Zlib from 'node:zlib';
import type { Hooked } from './internals.ts';
import { streamMemo, type StreamMemo } from '../streamMemo.ts';

const require = createRequire(import.meta.url);

/** Nothing of pdfmake's is replaced; pdfkit reaches zlib.deflateSync at call time. */
export const hooked: Hooked[] = [];

let memo: StreamMemo | undefined;
let rendering = false;

export function install(): void {
  const zlib = require('node:zlib') as typeof Zlib;
  const deflateSync = zlib.deflateSync;
  memo = streamMemo((input) => deflateSync(input));
  zlib.deflateSync = function (buffer: Zlib.InputType, options?: Zlib.ZlibOptions) {
    if (rendering && options === undefined && buffer instanceof Uint8Array) return memo!.compress(buffer);
    return deflateSync(buffer, options);
  } as typeof zlib.deflateSync;
}

/** Called before a document renders, with whether the process keeps streams for a next build, and with false after it. */
export function reuseStreams(on: boolean): void {
  rendering = on;
  if (!on) memo?.endBuild();
}

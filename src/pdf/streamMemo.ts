// Compressed streams kept from one build to the next in a process: after a
// one-figure edit, a rebuild of the paper's brief compresses 3 of its 32
// streams anew and takes the other 29 (1.6 MB, about 20 ms of zlib) as they
// were. Deflate is deterministic, so a kept stream holds the bytes that
// compressing it again would give.
import { createHash } from 'node:crypto';
import { BuildMemo } from '../cache/buildMemo.ts';

export interface StreamMemo {
  /** The compressed bytes of `input`: compressed once per distinct input. */
  compress(input: Uint8Array): Buffer;
  /** Ends a build: keeps what it compressed or reused, forgets the rest. */
  endBuild(): void;
}

export function streamMemo(compress: (input: Uint8Array) => Buffer): StreamMemo {
  const memo = new BuildMemo<Buffer>();
  return {
    // Keyed by a digest, not the bytes: a build's uncompressed streams are not held on to.
    compress: (input) => memo.get(createHash('sha256').update(input).digest('base64'), () => compress(input)),
    endBuild: () => memo.endBuild(),
  };
}

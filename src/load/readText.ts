// Reads a project file as text, refusing what no editor should have saved.
import { statSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../limits.ts';
import { fail } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';

/** `file` is relative to `root`, and is how errors name it. */
export function readText(root: string, file: string): string {
  const full = join(root, file);
  if (!existsSync(full)) fail(messages.fileMissing(file));
  const size = statSync(full).size;
  if (size > LIMITS.fileBytes) fail(messages.limit({ file }, `the file is ${(size / 1048576).toFixed(1)} MB`, `${LIMITS.fileBytes / 1048576} MB`));
  const bytes = readFileSync(full);
  if (bytes.length === 0) fail(messages.fileEmpty(file));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    fail(messages.notUtf8(file, firstBadByte(bytes)));
  }
}

function firstBadByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/** The 1-based line and column of a character offset in a text. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

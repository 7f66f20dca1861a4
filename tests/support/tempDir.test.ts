// The tests' temporary folders go once their file is done (tests/support/cleanup.ts).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { removeTempDirs, tempDir } from './tempDir.ts';

test('removeTempDirs removes every folder tempDir made, with what is in it', () => {
  const a = tempDir('brief-temp-a-');
  const b = tempDir('brief-temp-b-');
  mkdirSync(join(b, 'out', '.cache'), { recursive: true });
  writeFileSync(join(b, 'out', '.cache', 'entry.json'), '{}');
  expect([existsSync(a), existsSync(b)]).toEqual([true, true]);
  removeTempDirs();
  expect([existsSync(a), existsSync(b)]).toEqual([false, false]);
  removeTempDirs(); // nothing left to remove
});

// Watch empties V8's young generation between builds, where node exposes the collector.
import { afterEach, expect, test } from 'vitest';
import { collectYoung } from '../../src/cli/collectYoung.ts';

const global = globalThis as { gc?: unknown };
const exposed = global.gc;
afterEach(() => {
  global.gc = exposed;
});

test('asks V8 for a young-generation collection only', () => {
  const calls: unknown[] = [];
  global.gc = (options: unknown) => calls.push(options);
  collectYoung();
  expect(calls).toEqual([{ type: 'minor' }]);
});

test('does nothing where node does not expose the collector', () => {
  delete global.gc;
  expect(() => collectYoung()).not.toThrow();
});

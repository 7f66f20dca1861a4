// JSON data files skip the YAML parser when they are plain; the check that keeps
// a repeated key an error on that path. YAML files skip it when the cache has
// parsed the same text before.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { hasRepeatedKey, locate, readYaml } from '../../src/load/readYaml.ts';
import { BriefFailure } from '../../src/errors/BriefError.ts';
import { memoryCache } from '../support/memoryCache.ts';

test('a key named twice in one object is found, at any depth', () => {
  expect(hasRepeatedKey('{"a": 1, "a": 2}')).toBe(true);
  expect(hasRepeatedKey('[{"id": "x", "author": [{"family": "A", "family": "B"}]}]')).toBe(true);
  expect(hasRepeatedKey('{"a": {"b": 1}, "c": [1, {"b": 2}], "a" : 3}')).toBe(true);
});

test('the same key in different objects, keys inside strings and escaped quotes are not repeats', () => {
  expect(hasRepeatedKey('[{"id": "x"}, {"id": "y"}]')).toBe(false);
  expect(hasRepeatedKey('{"a": {"a": 1}}')).toBe(false);
  expect(hasRepeatedKey('{"title": "say \\"title\\": twice", "note": "\\"title\\":"}')).toBe(false);
  expect(hasRepeatedKey('{"a": ["a", "a"], "b": "a"}')).toBe(false);
});

describe('parsed YAML kept in the cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brief-yaml-'));
  const write = (file: string, text: string) => {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const schema = z.record(z.string(), z.object({ value: z.number(), unit: z.string().optional() }));

  test('a second read of the same text comes from the cache, with the same value and the same places', () => {
    write('data/a.yaml', 'first:\n  value: 12\n  unit: km\nsecond:\n  value: 3\n');
    const cache = memoryCache();
    const parsed = readYaml(dir, 'data/a.yaml', schema, cache);
    expect(cache.writes).toEqual(['yaml']);
    const again = readYaml(dir, 'data/a.yaml', schema, cache);
    expect(cache.hits).toEqual(['yaml']);
    expect(again.value).toEqual({ first: { value: 12, unit: 'km' }, second: { value: 3 } });
    expect(locate(again.src, ['second', 'value'])).toEqual({ file: 'data/a.yaml', line: 5, column: 10, path: 'second.value' });
    expect(locate(again.src, ['second', 'value'])).toEqual(locate(parsed.src, ['second', 'value']));
  });

  test('an edited text is parsed again; a schema error from a cached parse still names its line', () => {
    write('data/b.yaml', 'first:\n  value: 12\n');
    const cache = memoryCache();
    readYaml(dir, 'data/b.yaml', schema, cache);
    write('data/b.yaml', 'first:\n  value: 13\n');
    expect(readYaml(dir, 'data/b.yaml', schema, cache).value).toEqual({ first: { value: 13 } });
    expect(cache.hits).toEqual([]);
    // The same text, now read against a stricter schema: the cached parse fails it at its place.
    const strict = z.record(z.string(), z.object({ value: z.number().max(10) }));
    expect(() => readYaml(dir, 'data/b.yaml', strict, cache)).toThrow(BriefFailure);
    try {
      readYaml(dir, 'data/b.yaml', strict, cache);
    } catch (e) {
      expect((e as BriefFailure).errors[0].where).toMatchObject({ file: 'data/b.yaml', line: 2, path: 'first.value' });
    }
    expect(cache.hits.length).toBeGreaterThan(0);
  });

  test('values JSON would change (.inf, .nan, -0) are never cached', () => {
    write('data/c.yaml', 'first:\n  value: .inf\n');
    const cache = memoryCache();
    const loose = z.record(z.string(), z.object({ value: z.any() }));
    expect(readYaml(dir, 'data/c.yaml', loose, cache).value.first.value).toBe(Infinity);
    expect(readYaml(dir, 'data/c.yaml', loose, cache).value.first.value).toBe(Infinity);
    expect(cache.writes).toEqual([]);
  });

  test('a file read from the cache is placed without parsing it, every path where the parse tree places it', () => {
    const text = [
      'first:', '  value: 12', '  unit: km', '  list:', '    - a', '    - { b: 2 }', '  empty:',
      '"quoted key":', '  value: 3', '"7":', '  value: 4', 'anchor: &x', '  value: 5', 'alias: *x', '',
    ].join('\n');
    write('data/d.yaml', text);
    const cache = memoryCache();
    const loose = z.record(z.string(), z.any());
    const parsed = readYaml(dir, 'data/d.yaml', loose, cache);
    const kept = readYaml(dir, 'data/d.yaml', loose, cache);
    expect(kept.src.places).toBeDefined();
    const paths: (string | number)[][] = [
      [], ['first'], ['first', 'value'], ['first', 'list'], ['first', 'list', 0], ['first', 'list', 1, 'b'], ['first', 'list', '1', 'b'],
      ['first', 'list', 2], ['first', 'empty'], ['first', 'empty', 'deeper'], ['first', 'missing', 'x'], ['quoted key', 'value'],
      ['7', 'value'], [7, 'value'], ['alias', 'value'], ['anchor', 'value'], ['nowhere'],
    ];
    for (const path of paths) expect(locate(kept.src, path), JSON.stringify(path)).toEqual(locate(parsed.src, path));
    // By hand: the list's second item, and a key with no value (its empty value sits on its line).
    expect(locate(kept.src, ['first', 'list', 1, 'b'])).toMatchObject({ line: 6, column: 12 });
    expect(locate(kept.src, ['first', 'empty'])).toMatchObject({ line: 7 });
    // The places are the cache's: one changed by hand is what locate says.
    const [[id, entry]] = [...cache.entries] as [string, { raw: unknown; places: Record<string, [number, number]> }][];
    cache.entries.set(id, { ...entry, places: { ...entry.places, 'sfirst\0svalue': [40, 1] } });
    expect(locate(readYaml(dir, 'data/d.yaml', loose, cache).src, ['first', 'value'])).toMatchObject({ line: 40, column: 1 });
  });

  test('a map whose keys are not all strings is placed by parsing it when asked', () => {
    write('data/e.yaml', 'first:\n  2019: 12\n  value: 3\n');
    const cache = memoryCache();
    const loose = z.record(z.string(), z.any());
    const parsed = readYaml(dir, 'data/e.yaml', loose, cache);
    const kept = readYaml(dir, 'data/e.yaml', loose, cache);
    expect(kept.src.places).toBeUndefined();
    for (const path of [['first', 'value'], ['first', '2019'], ['first', 2019]]) expect(locate(kept.src, path)).toEqual(locate(parsed.src, path));
  });
});


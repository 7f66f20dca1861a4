// JSON data files skip the YAML parser when they are plain; the check that keeps
// a repeated key an error on that path. YAML files skip it when the cache has
// parsed the same text before.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { hasRepeatedKey, locate, readYaml } from '../../src/load/readYaml.ts';
import { BriefFailure } from '../../src/errors/BriefError.ts';
import { memoryCache } from '../support/memoryCache.ts';
import { tempDir } from '../support/tempDir.ts';

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
  const dir = tempDir('brief-yaml-');
  const write = (file: string, text: string) => {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const schema = z.record(z.string(), z.object({ value: z.number(), unit: z.string().optional() }));

  test('a second read of the same text comes from the cache, with the same value and the same places', () => {
    write('data/a.yaml', 'first:\n  value: 12\n  unit: km\nsecond:\n  value: 3\n');
    const cache = memoryCache();
    const parsed = readYaml(dir, 'data/a.yaml', schema, cache);
    expect(cache.writes).toEqual(['yaml', 'yaml-last']);
    const again = readYaml(dir, 'data/a.yaml', schema, cache);
    expect(cache.hits).toEqual(['yaml']);
    expect(again.value).toEqual({ first: { value: 12, unit: 'km' }, second: { value: 3 } });
    expect(locate(again.src, ['second', 'value'])).toEqual({ file: 'data/a.yaml', line: 5, column: 10, path: 'second.value' });
    expect(locate(again.src, ['second', 'value'])).toEqual(locate(parsed.src, ['second', 'value']));
  });

  test('an edited text is read anew; a schema error from a cached parse still names its line', () => {
    write('data/b.yaml', 'first:\n  value: 12\n');
    const cache = memoryCache();
    readYaml(dir, 'data/b.yaml', schema, cache);
    write('data/b.yaml', 'first:\n  value: 13\n');
    expect(readYaml(dir, 'data/b.yaml', schema, cache).value).toEqual({ first: { value: 13 } });
    expect(cache.hits).toEqual(['yaml-last']); // the last parse, not this text's
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


describe('an edit inside one integer', () => {
  const dir = tempDir('brief-yaml-edit-');
  mkdirSync(join(dir, 'data'), { recursive: true });
  const loose = z.record(z.string(), z.any());
  const text = [
    '# figures', 'tourists:', '  value: 146006 # the paper says "around"', '  year: 2019',
    'sizes: [10, 20, { at: 30 }]', 'list:', '  - 7', '  - name: x', '    count: 0', 'label: "12"', '',
  ].join('\n');
  const paths: (string | number)[][] = [
    ['tourists', 'value'], ['tourists', 'year'], ['sizes'], ['sizes', 0], ['sizes', 1], ['sizes', 2, 'at'],
    ['list', 0], ['list', 1, 'count'], ['label'],
  ];
  /** Reads `edited` after `text` through one cache, and once more with no cache (a parse), and compares them. */
  const compare = (edited: string) => {
    const cache = memoryCache();
    writeFileSync(join(dir, 'data/f.yaml'), text);
    readYaml(dir, 'data/f.yaml', loose, cache);
    writeFileSync(join(dir, 'data/f.yaml'), edited);
    const derived = readYaml(dir, 'data/f.yaml', loose, cache);
    const parsed = readYaml(dir, 'data/f.yaml', loose);
    expect(derived.value).toEqual(parsed.value);
    for (const path of paths) expect(locate(derived.src, path), JSON.stringify(path)).toEqual(locate(parsed.src, path));
    return { derived, cache };
  };

  test.each([
    ['same length', '146006', '146101'],
    ['longer', '146006', '1460060'],
    ['shorter', '146006', '14'],
    ['to zero', '146006', '0'],
    ['negative', '146006', '-5'],
  ])('is worked out from the last parse, not parsed, with the places a parse gives (%s)', (_, from, to) => {
    const { derived, cache } = compare(text.replace(from, to));
    expect(derived.value.tourists.value).toBe(Number(to));
    // The text's places come from the last parse's: the tree is never built for them.
    expect(derived.src.places).toBeDefined();
    expect(cache.writes).toEqual(['yaml', 'yaml-last', 'yaml', 'yaml-last']);
    const entry = [...cache.entries].find(([k]) => k.startsWith('yaml-last '))![1] as { text: string; raw: { tourists: { value: number } } };
    expect(entry.text).toBe(text.replace(from, to));
    expect(entry.raw.tourists.value).toBe(Number(to));
  });

  test('a number before others on its line moves their places by its change in length', () => {
    const { derived } = compare(text.replace('[10,', '[100000,'));
    expect(derived.value.sizes).toEqual([100000, 20, { at: 30 }]);
    // By hand: on line 5, `20` was at column 13 and `30` (at's value) at 23; four digits more.
    expect(locate(derived.src, ['sizes', 1])).toMatchObject({ line: 5, column: 17 });
    expect(locate(derived.src, ['sizes', 2, 'at'])).toMatchObject({ line: 5, column: 27 });
  });

  test.each([
    ['a digit into a word', text.replace('label: "12"', 'label: "13"')],
    ['an integer into a decimal', text.replace('146006', '146006.5')],
    ['an integer into text', text.replace('146006', '146006x')],
    ['two integers', text.replace('146006', '146007').replace('2019', '2020')],
    ['a leading zero', text.replace('146006', '0146006')],
    ['a new key', text.replace('  year: 2019', '  year: 2019\n  month: 3')],
  ])('anything else is parsed (%s)', (_, edited) => {
    // A parsed text's places are found in its tree, not kept beside it.
    expect(compare(edited).derived.src.places).toBeUndefined();
  });

  test('a file with an alias is parsed at every edit: one integer may stand in two places', () => {
    const aliased = 'a: &n\n  value: 1\nb: *n\n';
    writeFileSync(join(dir, 'data/g.yaml'), aliased);
    const cache = memoryCache();
    readYaml(dir, 'data/g.yaml', loose, cache);
    expect(cache.writes).toEqual(['yaml']);
    writeFileSync(join(dir, 'data/g.yaml'), aliased.replace('1', '2'));
    expect(readYaml(dir, 'data/g.yaml', loose, cache).value).toEqual({ a: { value: 2 }, b: { value: 2 } });
  });
});

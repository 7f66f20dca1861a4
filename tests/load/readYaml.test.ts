// JSON data files skip the YAML parser when they are plain; the check that keeps
// a repeated key an error on that path.
import { expect, test } from 'vitest';
import { hasRepeatedKey } from '../../src/load/readYaml.ts';

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

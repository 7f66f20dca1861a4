// Parses a YAML data file and validates it against a zod schema, reporting
// every problem with its file, line, column and field path.
import { LineCounter, parseDocument, isAlias, isMap, isNode, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { BriefFailure, type BriefError } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import { readText } from './readText.ts';
import type { Cache } from '../cache/cache.ts';

export interface YamlSource {
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
  /** Where each node is, when known without the parse tree (a file read from the cache). */
  places?: Places;
}

/**
 * Every node's line and column by its path: a map key `k` as "s" + k, a list
 * index `i` as "i" + i, joined by NUL; the document itself as "".
 */
type Places = Record<string, [number, number]>;

/** Where a field path points in the source, for error messages: the deepest node of the path that the file holds. */
export function locate(src: YamlSource, path: (string | number)[]): { file: string; line?: number; column?: number; path: string } {
  const dotted = path.join('.');
  if (src.places) {
    for (let n = path.length; n >= 0; n--) {
      const place = placeOf(src.places, path.slice(0, n));
      if (place) return { file: src.file, line: place[0], column: place[1], path: dotted };
    }
    return { file: src.file, path: dotted };
  }
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? src.doc.contents : src.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const { line, col } = src.lines.linePos(node.range[0]);
      return { file: src.file, line, column: col, path: dotted };
    }
  }
  return { file: src.file, path: dotted };
}

/**
 * A path's place as the parse tree's getIn finds it: a string is a map key,
 * or a list index if it reads as one; a number is a list index (a map key
 * that is a number is not a string key).
 */
function placeOf(places: Places, path: (string | number)[]): [number, number] | undefined {
  let keys = [''];
  for (const p of path) {
    const forms = typeof p === 'number' ? [`i${p}`] : /^\d+$/.test(p) ? [`s${p}`, `i${Number(p)}`] : [`s${p}`];
    keys = keys.flatMap((k) => forms.map((f) => (k ? `${k}\0${f}` : f)));
  }
  for (const k of keys) if (Object.hasOwn(places, k)) return places[k];
  return undefined;
}

/** Every node's place, or undefined if a map has a key that is not a string (then the tree is parsed when asked). */
function allPlaces(doc: Document, lines: LineCounter): Places | undefined {
  const places: Places = {};
  const at = (node: unknown, key: string): boolean => {
    if (!isNode(node)) return true;
    if (node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      places[key] = [line, col];
    }
    const join = (part: string) => (key ? `${key}\0${part}` : part);
    if (isMap(node)) {
      return node.items.every((pair) => isScalar(pair.key) && typeof pair.key.value === 'string' && at(pair.value, join(`s${pair.key.value}`)));
    }
    if (isSeq(node)) return node.items.every((item, i) => at(item, join(`i${i}`)));
    return true;
  };
  return at(doc.contents as Node | null, '') ? places : undefined;
}

/**
 * The parser's indentation errors, said as a person would, at the line that is
 * wrongly indented (the parser often points at the line before it).
 */
export function indentationProblem(text: string, code: string, line: number): { line: number; column: number; detail: string } | undefined {
  const lines = text.split('\n');
  const indent = (l: string) => /^ */.exec(l)![0].length;
  const previous = (n: number) => {
    for (let k = n - 2; k >= 0; k--) if (lines[k].trim() && !lines[k].trim().startsWith('#')) return lines[k];
    return undefined;
  };
  if (code === 'BAD_INDENT') {
    const here = lines[line - 1] ?? '';
    const before = previous(line);
    const more = before !== undefined && indent(here) > indent(before);
    return { line, column: indent(here) + 1, detail: `indentation: this line is indented ${more ? 'more' : 'less'} than the keys above it` };
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    let next = line;
    while (next < lines.length && !lines[next].trim()) next++;
    if (next < lines.length && indent(lines[next]) > indent(lines[line - 1] ?? '')) {
      return { line: next + 1, column: indent(lines[next]) + 1, detail: 'indentation: this key is indented more than the keys above it' };
    }
    return { line, column: 1, detail: 'a key and its value must be on one line, written "key: value"' };
  }
  return undefined;
}

/**
 * A repeated key right after an indented key with no value ("  next-entry:")
 * means an entry was indented into the one before it. Returns that line.
 */
function indentedEntry(text: string, line: number): number | undefined {
  const lines = text.split('\n');
  for (let k = Math.min(line + 1, lines.length - 1); k >= Math.max(0, line - 3); k--) {
    if (/^ +[\w-]+:\s*$/.test(lines[k]) && /^ +\S/.test(lines[k + 1] ?? '') && /^ *[\w-]+:/.test(lines[k + 1] ?? '')) {
      const own = /^ */.exec(lines[k])![0].length;
      const next = /^ */.exec(lines[k + 1])![0].length;
      if (next <= own) return k + 1;
    }
  }
  return undefined;
}

/** Keys that name JavaScript's object machinery: never data, whatever the schema would say. */
export const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `cache`: what the YAML parser made of this exact text before, when it parsed
 * without a problem (figures.yaml and its siblings: 80 ms → a few). The schema
 * still checks it; the places are found only if an error asks for one.
 */
export function readYaml<S extends z.ZodType>(root: string, file: string, schema: S, cache?: Cache): { value: z.infer<S>; src: YamlSource } {
  const text = readText(root, file);
  if (file.endsWith('.json')) {
    const fast = readPlainJson(file, text, schema);
    if (fast) return fast;
  }
  const known = cache?.read<unknown>('yaml', text);
  if (isKept(known)) {
    const parsed = schema.safeParse(known.raw);
    if (parsed.success) return { value: parsed.data, src: lazyPlaces(file, text, known.places ?? undefined) };
  }
  const edited = cache && oneNumberEdited(cache.read<unknown>('yaml-last', file), text);
  if (edited) {
    const parsed = schema.safeParse(edited.raw);
    if (parsed.success) {
      cache.write('yaml', text, { raw: edited.raw, places: edited.places });
      cache.write('yaml-last', file, edited);
      return { value: parsed.data, src: lazyPlaces(file, text, edited.places) };
    }
  }
  const { raw, ...read } = parseWithPlaces(file, text, schema);
  if (cache && survivesJson(raw)) {
    const places = allPlaces(read.src.doc, read.src.lines);
    cache.write('yaml', text, { raw, places: places ?? null });
    const ints = places && plainIntegers(read.src.doc, read.src.lines, text);
    if (ints) cache.write('yaml-last', file, { text, raw, places, ints } satisfies LastParse);
  }
  return read;
}

/**
 * A plain integer in a file's text: where its token starts and ends, its line
 * and column, and its path in the parsed value.
 */
type IntegerAt = [start: number, end: number, line: number, column: number, path: (string | number)[]];

/** The last parse of a file, for telling what an edit changed: its text, what the parser made of it, its nodes' places and plain integers. */
interface LastParse { text: string; raw: unknown; places: Places; ints: IntegerAt[] }

/** An integer YAML reads as itself, exactly: no sign but a minus, no leading zero, at most 15 digits. */
const PLAIN_INTEGER = /^(0|-?[1-9][0-9]{0,14})$/;

/** The document's plain integers (no tag, no anchor), or undefined if it has an alias (an edit could then change more than one place). */
function plainIntegers(doc: Document, lines: LineCounter, text: string): IntegerAt[] | undefined {
  const ints: IntegerAt[] = [];
  let shared = false;
  const at = (node: unknown, path: (string | number)[]): void => {
    if (isAlias(node)) shared = true;
    else if (isScalar(node)) {
      if (node.anchor) shared = true;
      const [start, end] = node.range ?? [];
      if (node.type === 'PLAIN' && !node.tag && typeof node.value === 'number' && start !== undefined && end !== undefined && PLAIN_INTEGER.test(text.slice(start, end))) {
        const { line, col } = lines.linePos(start);
        ints.push([start, end, line, col, path]);
      }
    } else if (isMap(node)) {
      if (node.anchor) shared = true;
      for (const pair of node.items) if (isScalar(pair.key) && typeof pair.key.value === 'string') at(pair.value, [...path, pair.key.value]);
    } else if (isSeq(node)) {
      if (node.anchor) shared = true;
      node.items.forEach((item, i) => at(item, [...path, i]));
    }
  };
  at(doc.contents, []);
  return shared ? undefined : ints;
}

function isLastParse(v: unknown): v is LastParse {
  if (!v || typeof v !== 'object') return false;
  const l = v as Record<string, unknown>;
  return typeof l.text === 'string' && 'raw' in l && isKept({ raw: l.raw, places: l.places }) && l.places !== null
    && Array.isArray(l.ints) && l.ints.every((i) => Array.isArray(i) && i.length === 5 && i.slice(0, 4).every(Number.isInteger) && Array.isArray(i[4]));
}

/**
 * What the parser would make of `text` if it differs from the file's last
 * parsed text only inside one plain integer (a figure edited: the common case
 * in `brief watch`, and a 10 ms parse of figures.yaml, 35 ms in a fresh
 * process): the last value with that integer changed, and the places of the
 * nodes after it on its line moved by the change in length. Else undefined.
 */
export function oneNumberEdited(last: unknown, text: string): LastParse | undefined {
  if (!isLastParse(last) || last.text === text) return undefined;
  const old = last.text;
  const shorter = Math.min(old.length, text.length);
  let head = 0;
  while (head < shorter && old.charCodeAt(head) === text.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  // Everything before `head` and after the last `tail` characters is as it was: the change lies in one token or none.
  const hit = last.ints.find(([start, end]) => start <= head && old.length - tail <= end);
  if (!hit) return undefined;
  const [start, end, line, column, path] = hit;
  const delta = text.length - old.length;
  const token = text.slice(start, end + delta);
  if (!PLAIN_INTEGER.test(token)) return undefined;
  const raw = structuredClone(last.raw);
  let parent = raw as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1]] = Number(token);
  const moved = (l: number, c: number) => l === line && c > column;
  const places: Places = {};
  for (const [key, [l, c]] of Object.entries(last.places)) places[key] = moved(l, c) ? [l, c + delta] : [l, c];
  const ints = last.ints.map(([s, e, l, c, p]): IntegerAt => (s > start ? [s + delta, e + delta, l, moved(l, c) ? c + delta : c, p] : s === start ? [s, e + delta, l, c, p] : [s, e, l, c, p]));
  return { text, raw, places, ints };
}

/** A cache entry: what the parser made of a text, and its nodes' places (null: found by parsing, if asked). */
function isKept(v: unknown): v is { raw: unknown; places: Places | null } {
  if (!v || typeof v !== 'object' || !('raw' in v) || !('places' in v)) return false;
  const places = (v as { places: unknown }).places;
  return places === null || (typeof places === 'object' && !Array.isArray(places) &&
    Object.values(places as object).every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isInteger)));
}

/** Whether JSON keeps the value as it is: YAML's .inf, .nan and -0 would come back changed. */
function survivesJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(survivesJson);
  return typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(survivesJson);
}

/** A source whose parse tree (for error places) is made only when first asked for; with `places`, never for a place. */
function lazyPlaces(file: string, text: string, places?: Places): YamlSource {
  let tree: { doc: Document; lines: LineCounter } | undefined;
  const parse = () => {
    if (!tree) {
      const lines = new LineCounter();
      tree = { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false }), lines };
    }
    return tree;
  };
  return { file, text, places, get doc() { return parse().doc; }, get lines() { return parse().lines; } };
}

/**
 * JSON that parses, has no reserved or repeated key and fits the schema needs
 * no YAML parser (references.json: 42 ms → under 1 ms): its places are found only if
 * an error later asks for one. Anything else takes the YAML path, which
 * reports the problem at its line.
 */
function readPlainJson<S extends z.ZodType>(file: string, text: string, schema: S): { value: z.infer<S>; src: YamlSource } | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (/"(__proto__|constructor|prototype)"\s*:/.test(text) || hasRepeatedKey(text)) return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return undefined;
  return { value: parsed.data, src: lazyPlaces(file, text) };
}

/** Whether any object in valid JSON text names a key twice (JSON.parse keeps the last; YAML reports it). */
export function hasRepeatedKey(text: string): boolean {
  const objects: Set<string>[] = [];
  const string = /"(?:[^"\\]|\\.)*"/y;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') objects.push(new Set());
    else if (c === '[') objects.push(new Set()); // a placeholder, so ']' pops what '[' pushed
    else if (c === '}' || c === ']') objects.pop();
    else if (c === '"') {
      string.lastIndex = i;
      const m = string.exec(text)!;
      i += m[0].length - 1;
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === ':') {
        const keys = objects[objects.length - 1];
        const key = JSON.parse(m[0]) as string;
        if (keys.has(key)) return true;
        keys.add(key);
      }
    }
  }
  return false;
}

/** The YAML parser's way: every problem at its line. `raw` is what the parser made, before the schema. */
function parseWithPlaces<S extends z.ZodType>(file: string, text: string, schema: S): { value: z.infer<S>; src: YamlSource; raw: unknown } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    // One mistake, one line: the parser's first error, in plain words; what follows it is its echo.
    const e = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
    const { line, col } = lines.linePos(e.pos[0]);
    if (e.code === 'DUPLICATE_KEY') {
      const indented = indentedEntry(text, line);
      if (indented) throw new BriefFailure([messages.yamlSyntax({ file, line: indented, column: 1 }, 'indentation: this entry is indented, so its fields repeat those of the entry above it; start it at the beginning of the line')]);
      throw new BriefFailure([messages.duplicateId({ file, line, column: col }, text.slice(e.pos[0]).split(/[:\n]/)[0].replace(/^["']|["']$/g, '').trim())]);
    }
    const plain = file.endsWith('.json') ? undefined : indentationProblem(text, e.code, line);
    const detail = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new BriefFailure([
      plain
        ? messages.yamlSyntax({ file, line: plain.line, column: plain.column }, plain.detail)
        : (file.endsWith('.json') ? messages.jsonSyntax : messages.yamlSyntax)({ file, line, column: col }, detail || e.code),
    ]);
  }
  const reserved: BriefError[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (RESERVED_KEYS.has(key) && isNode(pair.key) && pair.key.range) {
        const { line, col } = lines.linePos(pair.key.range[0]);
        reserved.push(messages.reservedKey({ file, line, column: col }, key));
      }
    },
  });
  if (reserved.length) throw new BriefFailure(reserved);
  const src: YamlSource = { file, text, doc, lines };
  const raw = doc.toJS({ maxAliasCount: 100 });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors: BriefError[] = parsed.error.issues.map((issue) =>
      messages.schema(locate(src, issue.path as (string | number)[]), issue.message),
    );
    throw new BriefFailure(errors);
  }
  return { value: parsed.data, src, raw };
}

// Parses a YAML data file and validates it against a zod schema, reporting
// every problem with its file, line, column and field path.
import { LineCounter, parseDocument, isNode, isScalar, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { BriefFailure, type BriefError } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import { readText } from './readText.ts';

export interface YamlSource {
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
}

/** Where a field path points in the source, for error messages. */
export function locate(src: YamlSource, path: (string | number)[]): { file: string; line?: number; column?: number; path: string } {
  const dotted = path.join('.');
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? src.doc.contents : src.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const { line, col } = src.lines.linePos(node.range[0]);
      return { file: src.file, line, column: col, path: dotted };
    }
  }
  return { file: src.file, path: dotted };
}

/** Keys that name JavaScript's object machinery: never data, whatever the schema would say. */
export const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function readYaml<S extends z.ZodType>(root: string, file: string, schema: S): { value: z.infer<S>; src: YamlSource } {
  const text = readText(root, file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    throw new BriefFailure(
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        const detail = e.code === 'DUPLICATE_KEY' ? undefined : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        return e.code === 'DUPLICATE_KEY'
          ? messages.duplicateId({ file, line, column: col }, text.slice(e.pos[0]).split(/[:\n]/)[0].replace(/^["']|["']$/g, '').trim())
          : (file.endsWith('.json') ? messages.jsonSyntax : messages.yamlSyntax)({ file, line, column: col }, detail ?? e.code);
      }),
    );
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
  return { value: parsed.data, src };
}

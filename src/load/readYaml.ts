// Parses a YAML data file and validates it against a zod schema, reporting
// every problem with its file, line, column and field path.
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
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
          ? messages.duplicateId({ file, line, column: col }, text.slice(e.pos[0], e.pos[1]).trim())
          : messages.yamlSyntax({ file, line, column: col }, detail ?? e.code);
      }),
    );
  }
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

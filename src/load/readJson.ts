// Reads a JSON file (a chart spec), reporting a syntax error with its line and column.
import { fail } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import { readText } from './readText.ts';

export function readJson(root: string, file: string, read: (file: string) => string = (f) => readText(root, f)): Record<string, unknown> {
  const text = read(file);
  try {
    const value = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail(messages.jsonSyntax({ file }, 'expected an object'));
    return value;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    const at = /position (\d+)/.exec(e.message);
    const offset = at ? Number(at[1]) : 0;
    const before = text.slice(0, offset).split('\n');
    fail(messages.jsonSyntax({ file, line: before.length, column: before[before.length - 1].length + 1 }, e.message.replace(/ in JSON at position \d+.*$/, '')));
  }
}

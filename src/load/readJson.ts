// Reads a JSON file (a chart spec), reporting a syntax error with its line and column.
import { fail } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import { positionAt, readText } from './readText.ts';

export function readJson(root: string, file: string, read: (file: string) => string = (f) => readText(root, f)): Record<string, unknown> {
  const text = read(file);
  try {
    const value = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail(messages.jsonSyntax({ file }, 'expected an object'));
    return value;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    const at = /position (\d+)/.exec(e.message);
    fail(messages.jsonSyntax({ file, ...positionAt(text, at ? Number(at[1]) : 0) }, e.message.replace(/ in JSON at position \d+.*$/, '')));
  }
}

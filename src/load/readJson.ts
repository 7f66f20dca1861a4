// Reads a JSON file (a chart spec), reporting a syntax error with its line and column.
import { fail } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import { positionAt, readText } from './readText.ts';
import jsonMap from 'json-source-map';

export function readJson(root: string, file: string, read: (file: string) => string = (f) => readText(root, f)): Record<string, unknown> {
  const text = read(file);
  try {
    const value = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail(messages.jsonSyntax({ file }, 'expected an object'));
    return value;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    // Node's own message sometimes quotes the text around the mistake instead of
    // giving its position; json-source-map's parser always gives the position.
    let message = e.message;
    if (!/position \d+/.test(message)) {
      try {
        jsonMap.parse(text);
      } catch (again) {
        if (again instanceof SyntaxError) message = again.message;
      }
    }
    const at = /position (\d+)/.exec(message);
    const detail = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*$/s, '').replace(/\s+/g, ' ').slice(0, 120);
    fail(messages.jsonSyntax({ file, ...positionAt(text, at ? Number(at[1]) : 0) }, detail));
  }
}

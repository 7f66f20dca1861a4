// The only way a chart spec may reach a file: relative paths inside data/.
// Every URL scheme, absolute path, "../" escape and symlink out is refused,
// and the refusal is recorded so the build fails with the chart named.
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface LoaderProblem {
  uri: string;
  reason: string;
}

export function sandboxLoader(dataDir: string, problems: LoaderProblem[]) {
  const root = resolve(dataDir);
  const refuse = (uri: string, reason: string): never => {
    problems.push({ uri, reason });
    throw new Error(`refused: ${uri}`);
  };
  const check = async (uri: string): Promise<string> => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('//')) refuse(uri, 'URLs are not allowed; put the file in data/ and give its relative path');
    if (isAbsolute(uri)) refuse(uri, 'absolute paths are not allowed; use a path relative to data/');
    const full = resolve(root, uri);
    const inside = (p: string) => p === root || p.startsWith(root + sep);
    if (!inside(full)) refuse(uri, 'the path leaves data/');
    let real: string;
    try {
      real = await realpath(full);
    } catch {
      return refuse(uri, 'no such file in data/');
    }
    if (!inside(await realpath(root)) || !inside(real)) refuse(uri, 'the path leaves data/ through a link');
    return real;
  };
  return {
    options: {},
    sanitize: async (uri: string) => {
      try {
        return { href: await check(uri) };
      } catch {
        // Throwing here crashes vega's SVG renderer for links: an empty href draws nothing.
        return { href: '' };
      }
    },
    load: async (uri: string) => readFile(await check(uri), 'utf8'),
    file: async (path: string) => readFile(await check(relative(root, join(root, path))), 'utf8'),
    http: async (url: string) => refuse(url, 'network access is not allowed'),
  };
}

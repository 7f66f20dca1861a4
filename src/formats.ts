// What a build writes: the printable brief (PDF), the web edition (one HTML
// file), or both. Its own module: the command line reads it before the
// pipeline is loaded.
export type Format = 'pdf' | 'html';
export const FORMATS: Format[] = ['pdf', 'html'];

/** out/brief.pdf's web edition is out/brief.html. */
export function htmlPath(outFile: string): string {
  return outFile.replace(/(\.pdf)?$/i, '.html');
}

/** The files a build writes for these formats, the PDF path given. */
export function outputFiles(outFile: string, formats: Format[]): string[] {
  return formats.map((f) => (f === 'pdf' ? outFile : htmlPath(outFile)));
}

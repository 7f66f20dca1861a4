// The web edition's fonts: the brief's own faces cut down to the characters the
// page shows (harfbuzz's hb-subset, through subset-font) and inlined as WOFF
// data URIs, so the page needs no font server and stays small. A subset
// depends only on the font's bytes and the characters, so it is cached.
import { readFileSync } from 'node:fs';
import { fontDigest, fontFiles, SANS, SERIF } from '../layout/fonts.ts';
import { noCache, type Cache } from '../cache/cache.ts';

interface Face {
  family: string;
  weight: 400 | 600;
  style: 'normal' | 'italic';
  file: string;
}

function faces(): Face[] {
  const files = fontFiles();
  return [
    { family: SERIF, weight: 400, style: 'normal', file: files[SERIF].normal },
    { family: SERIF, weight: 400, style: 'italic', file: files[SERIF].italics },
    { family: SERIF, weight: 600, style: 'normal', file: files[SERIF].bold },
    { family: SANS, weight: 400, style: 'normal', file: files[SANS].normal },
    { family: SANS, weight: 400, style: 'italic', file: files[SANS].italics },
    { family: SANS, weight: 600, style: 'normal', file: files[SANS].bold },
  ];
}

/** `@font-face` rules for every face, each holding only `chars` (sorted, so the same text gives the same bytes). */
export async function fontFaces(chars: Set<string>, cache: Cache = noCache): Promise<string> {
  // Spaces too (the word space, no-break and thin spaces): a face without them would borrow another font's widths.
  const text = [...chars].filter((c) => !/[\u0000-\u001f]/.test(c)).sort().join('');
  const rules: string[] = [];
  // One at a time: hb-subset runs in one wasm instance, loaded only when a subset is not cached.
  for (const face of faces()) {
    const woff = await cache.get('webfont', { font: fontDigest(face.file), text }, async () => {
      const { default: subsetFont } = await import('subset-font');
      return (await subsetFont(readFileSync(face.file), text, { targetFormat: 'woff', noHinting: true })).toString('base64');
    });
    rules.push(`@font-face{font-family:"${face.family}";font-weight:${face.weight};font-style:${face.style};font-display:block;src:url(data:font/woff;base64,${woff}) format("woff")}`);
  }
  return rules.join('\n');
}

import { readFileSync } from 'node:fs';
import { readPdf } from '../tests/support/readPdf.ts';
import { pageContents } from '../tests/support/readStructure.ts';
const bytes = readFileSync(process.argv[2]);
const spans = pageContents(bytes).flatMap((s) => [...s.matchAll(/\/Span <<\/ActualText <FEFF([0-9A-F]*)>>> BDC/g)].map((m) => Buffer.from(m[1], 'hex').swap16().toString('utf16le')));
console.log(spans.filter(s => /\p{L}/u.test(s)).join(' '));
const pdf = await readPdf(bytes);
const lineEnds = new Map<string, any>();
for (const i of pdf.items) { const k = `${i.page}:${i.y.toFixed(1)}`; const p = lineEnds.get(k); if (!p || i.x > p.x) lineEnds.set(k, i); }
console.log([...lineEnds.values()].filter((v) => /^\p{L}+-$/u.test(v.text)).map(v => v.text).join(' '));

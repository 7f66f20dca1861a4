import { readFileSync } from 'node:fs';
import { readPdf } from '../tests/support/readPdf.ts';
const pdf = await readPdf(readFileSync(process.argv[2]));
const body = pdf.items.filter(i => Math.abs(i.size - 10.5) < 0.05);
console.log(body.slice(100, 112).map(i => JSON.stringify([i.text, i.x.toFixed(2), i.width.toFixed(2)])).join('\n'));

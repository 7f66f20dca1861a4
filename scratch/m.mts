import { readFileSync } from 'node:fs';
import { readPdf } from '../tests/support/readPdf.ts';
import { justifiedLines, percentile, bodyLeading } from '../tests/support/spacing.ts';
const pdf = await readPdf(readFileSync(process.argv[2]));
const lines = justifiedLines(pdf, 10.5, 78, 595.28 - 78);
const gaps = lines.map(l => l.gap);
console.log('pages', pdf.pages, 'lines', lines.length, 'p95', percentile(gaps, 95).toFixed(3), 'loose>0.5', (100 * gaps.filter(g => g > 0.5).length / gaps.length).toFixed(1) + '%', 'max', Math.max(...gaps).toFixed(3), 'leading', bodyLeading(pdf, 10.5), (bodyLeading(pdf, 10.5) / 10.5).toFixed(3));

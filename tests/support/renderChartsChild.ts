// Run in a child process by tests/errors/sandbox.test.ts, under Node's
// --disallow-code-generation-from-strings: renders every chart of the brief
// whose document model (JSON) is named on the command line, and prints the SVGs.
import { readFileSync } from 'node:fs';
import { loadProject } from '../../src/load/loadProject.ts';
import { renderCharts } from '../../src/charts/renderCharts.ts';
import { pageGeometry } from '../../src/layout/theme.ts';
import type { BriefDocument } from '../../src/model/types.ts';

const [root, documentJson] = process.argv.slice(2);
const document = JSON.parse(readFileSync(documentJson, 'utf8')) as BriefDocument;
const charts = await renderCharts(loadProject(root), document, pageGeometry('a4').bodyWidth);
process.stdout.write(JSON.stringify(Object.fromEntries([...charts].map(([id, c]) => [id, c.svg]))));

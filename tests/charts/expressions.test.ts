// Vega expressions in chart specs are interpreted, never compiled to code:
// proved by rendering every chart with code generation from strings switched
// off in V8, and by watching the interpreter evaluate a chart's `calculate`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { renderChart } from '../../src/charts/renderChart.ts';
import { ROOT } from '../support/project.ts';
import { sharedFile } from '../support/shared.ts';

const calls = vi.hoisted(() => ({ operator: 0 }));
vi.mock('vega-interpreter', async (original) => {
  const { expressionInterpreter } = await original<typeof import('vega-interpreter')>();
  return {
    expressionInterpreter: {
      ...expressionInterpreter,
      operator: (...args: Parameters<typeof expressionInterpreter.operator>) => {
        calls.operator++;
        return expressionInterpreter.operator(...args);
      },
    },
  };
});

describe('chart expressions', () => {
  test('every chart of the brief renders with code generation from strings disallowed', () => {
    const run = spawnSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', join(ROOT, 'tests/support/renderChartsChild.ts'), ROOT, sharedFile('brief', 'document.json')],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const svgs = JSON.parse(run.stdout) as Record<string, string>;
    expect(Object.keys(svgs)).toHaveLength(6);
    // This label exists only as the result of the spec's `calculate` transform.
    expect(svgs['chinese-tourists']).toContain('about 145,000 tourists; 268,572 overnight stays');
  });

  test('a `calculate` is evaluated by the interpreter', async () => {
    const spec = {
      data: { name: 'rows' },
      transform: [{ calculate: "datum.a + ' and ' + (datum.b * 2)", as: 'label' }],
      mark: 'text',
      encoding: { text: { field: 'label' } },
    };
    const before = calls.operator;
    const { svg } = await renderChart(spec, { rows: [{ a: 'seven', b: 21 }] }, 200, join(ROOT, 'data'), []);
    expect(svg).toContain('seven and 42');
    expect(calls.operator).toBeGreaterThan(before);
  });
});

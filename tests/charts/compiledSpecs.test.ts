// Vega-Lite's compiled specs kept without their rows (src/charts/compiledSpecs.ts):
// a later compile of the same spec with other rows is skipped and gives what
// compiling would; a compile that reads the rows, or a spec JSON would change,
// is never kept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileKept } from '../../src/charts/compiledSpecs.ts';
import { renderChart } from '../../src/charts/renderChart.ts';
import { memoryCache } from '../support/memoryCache.ts';
import { ROOT } from '../support/project.ts';

type Spec = Record<string, unknown> & { datasets?: Record<string, unknown[]> };

/** A stand-in for vega-lite: the rows go into a data entry as they are, beside what the spec says. */
const copyRows = async (spec: Spec) => ({ data: [{ name: 'rows', values: spec.datasets!.rows }], marks: [{ type: spec.mark }] });
const same = () => true;
const spec = (rows: unknown[]): Spec => ({ mark: 'bar', datasets: { rows } });

describe('compileKept', () => {
  test('keeps a compile by the spec without its rows; the next, with other rows, compiles nothing and puts those rows in', async () => {
    const cache = memoryCache();
    let compiles = 0;
    const counted = async (s: Spec) => (compiles++, copyRows(s));
    const first = await compileKept(spec([{ year: 2018, value: 100000 }]), counted, same, cache);
    expect(first).toEqual({ data: [{ name: 'rows', values: [{ year: 2018, value: 100000 }] }], marks: [{ type: 'bar' }] });
    expect(compiles).toBe(2); // with the rows, and with the marker in their place
    expect(cache.writes).toEqual(['vega-spec']);
    const rows = [{ year: 2019, value: 145000 }];
    const second = await compileKept(spec(rows), counted, same, cache);
    expect(compiles).toBe(2);
    expect(second).toEqual({ data: [{ name: 'rows', values: [{ year: 2019, value: 145000 }] }], marks: [{ type: 'bar' }] });
    expect((second as { data: { values: unknown }[] }).data[0].values).toBe(rows); // the rows themselves, as vega-lite passes them
    // Another spec is another entry.
    await compileKept({ ...spec(rows), mark: 'line' }, counted, same, cache);
    expect(compiles).toBe(4);
  });

  test('a compile whose output depends on the rows is not kept', async () => {
    const cache = memoryCache();
    const counting = async (s: Spec) => ({ ...(await copyRows(s)), height: 20 * s.datasets!.rows.length });
    await compileKept(spec([{ a: 1 }, { a: 2 }]), counting, same, cache);
    expect(cache.writes).toEqual([]);
    const three = await compileKept(spec([{ a: 1 }, { a: 2 }, { a: 3 }]), counting, same, cache);
    expect((three as { height: number }).height).toBe(60);
  });

  test('a compile vega would read differently once through JSON is not kept', async () => {
    const cache = memoryCache();
    await compileKept(spec([{ a: 1 }]), copyRows, () => false, cache);
    expect(cache.writes).toEqual([]);
  });
});

describe('charts from kept compiles', () => {
  test('the tourists chart with edited rows draws the same SVG from a kept compile as from vega-lite', async () => {
    const vegaLite = JSON.parse(readFileSync(join(ROOT, 'charts', 'chinese-tourists.vl.json'), 'utf8')) as Record<string, unknown>;
    // The rows data/charts.yaml gives it, with the figures written out by hand.
    const rowsOf = (value: number, text: string) => [
      { year: '2018', value: 100000, text: 'over 100,000' },
      { year: '2019', value, text, stays: 268572, staysText: '268,572' },
    ];
    const cache = memoryCache();
    await renderChart(vegaLite, { rows: rowsOf(145000, 'about 145,000') }, 420, join(ROOT, 'data'), [], cache);
    expect(cache.writes).toContain('vega-spec');
    const writes = cache.writes.length;
    const kept = await renderChart(vegaLite, { rows: rowsOf(151234, 'about 151,234') }, 420, join(ROOT, 'data'), [], cache);
    expect(cache.hits).toContain('vega-spec');
    expect(cache.writes.slice(writes)).not.toContain('vega-spec');
    const compiled = await renderChart(vegaLite, { rows: rowsOf(151234, 'about 151,234') }, 420, join(ROOT, 'data'), []);
    expect(kept.svg).toContain('about 151,234 tourists; 268,572 overnight stays');
    expect(kept.svg).toBe(compiled.svg);
  });
});

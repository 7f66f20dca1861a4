// What one brief may ask of the machine: every input either builds or fails
// with one clear line well within 30 s and 1 GiB. Each limit is checked
// before the work it bounds.
export const LIMITS = {
  /** Any one input file (data, template, chart spec). */
  fileBytes: 5 * 1024 * 1024,
  /** Charts in one brief. */
  charts: 50,
  /** Rows a chart may plot: from data/charts.yaml, inline values and generated sequences together. */
  chartRows: 10_000,
  /** A chart's width or height, in points. */
  chartSize: 2_000,
  /** One template's rendered text, in characters (the Serbia paper's longest section is about 9,000). */
  templateChars: 500_000,
  /** All templates together. */
  briefChars: 2_000_000,
};

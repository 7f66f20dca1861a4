// The builds shared by all test files: the brief as it is, and with edited figures.
export interface Edit {
  file: string;
  change: (text: string) => string;
}

export const INJECTED_TITLE = 'Serbia {{meta.subtitle}} **and** _China_ {"text":"x","link":"file:///etc/passwd"} <b>';

export const VARIANTS = {
  brief: [] as Edit[],
  /** Two figures changed: one in the prose and a chart, one in the findings, the prose and a chart. */
  editedFigures: [
    { file: 'data/figures.yaml', change: (t: string) => t.replace(/(chinese-tourists-2019:[\s\S]*?value: )145000/, '$1151234') },
    { file: 'data/figures.yaml', change: (t: string) => t.replace(/(bor-acquisition:[\s\S]*?value: )1260000000/, '$11310000000') },
  ],
  /** Data strings that look like templates, Markdown and pdfmake JSON: they must print literally. */
  literalStrings: [
    { file: 'data/brief.yaml', change: (t: string) => t.replace('title: Serbia and China', `title: '${INJECTED_TITLE}'`) },
    { file: 'data/charts.yaml', change: (t: string) => t.replace('caption: Chinese tourists in Serbia', "caption: 'Chinese *tourists* {{x}} in Serbia'") },
  ],
} satisfies Record<string, Edit[]>;

export type Variant = keyof typeof VARIANTS;

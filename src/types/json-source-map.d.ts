// The part of json-source-map (no published types) that charts/renderCharts.ts uses.
declare module 'json-source-map' {
  interface Position { line: number; column: number; pos: number }
  export function parse(text: string): { data: unknown; pointers: Record<string, { value: Position; valueEnd: Position; key?: Position; keyEnd?: Position }> };
  const jsonMap: { parse: typeof parse };
  export default jsonMap;
}

// Chicago's abbreviated page ranges (CMOS 9.61), for the locators this stage
// writes itself in "Ibid." notes; citeproc applies the same rule to the
// notes it writes (the style's page-range-format="chicago").
export function chicagoPageRange(locator: string): string {
  return locator.replace(/(\d+)\s*[-\u2013]\s*(\d+)/g, (_, from: string, to: string) => `${from}–${abbreviate(from, to)}`);
}

function abbreviate(from: string, to: string): string {
  const first = Number(from);
  if (to.length !== from.length || first < 100 || first % 100 === 0) return to;
  let same = 0;
  while (same < from.length && from[same] === to[same]) same++;
  const changed = to.slice(same);
  if (first % 100 < 10) return changed; // 101–8, 808–33
  if (from.length === 4 && changed.length >= 3) return to; // 1496–1500
  return changed.length >= 2 ? changed : to.slice(-2); // 321–28, 498–532
}

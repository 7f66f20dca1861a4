// The PDF's dates come from the brief's publication date (or SOURCE_DATE_EPOCH),
// never the clock, so the same inputs always give the same bytes.
export function creationDate(published: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const [y, m = 1, d = 1] = published.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

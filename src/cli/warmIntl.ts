// Warms ICU, the library behind Intl, in a helper thread while the pipeline
// loads. ICU loads its number-formatting data once per process, whichever
// thread asks first: the first Intl.NumberFormat of a build took about 20 ms
// of the templates stage (formatting the figures), and after the helper's,
// under 1 ms. The helper does nothing else, holds nothing and exits; if it
// is late or fails, the pipeline pays for ICU itself, as before.
import type { Worker } from 'node:worker_threads';

/** What the helper runs: the Intl services a build uses (numbers, and string comparison). */
export const WARM_INTL = "new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(1234.5); 'a'.localeCompare('b');";

/** Starts the helper (`code`: what it runs, for tests); the process does not wait for it. */
export function warmIntl(code = WARM_INTL): Worker {
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const helper = new Worker(code, { eval: true, stdout: true, stderr: true });
  helper.on('error', () => {}); // the pipeline formats numbers itself, as without it
  helper.unref();
  return helper;
}

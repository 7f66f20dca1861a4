// The helper thread that loads ICU's data while the pipeline loads (src/cli/warmIntl.ts):
// it runs the Intl services a build uses and exits by itself; if it fails, the command carries on.
import { once } from 'node:events';
import { expect, test } from 'vitest';
import { WARM_INTL, warmIntl } from '../../src/cli/warmIntl.ts';

test('the helper formats a number and compares strings, then exits by itself', async () => {
  expect(WARM_INTL).toContain('Intl.NumberFormat');
  const [code] = await once(warmIntl(), 'exit');
  expect(code).toBe(0);
});

test('a helper that fails leaves the command running', async () => {
  const helper = warmIntl("throw new Error('no ICU here')");
  // Not events.once, which would take the helper's 'error' as its own.
  const code = await new Promise((resolve) => helper.on('exit', resolve));
  expect(code).toBe(1);
});

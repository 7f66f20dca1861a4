// Runs the `brief` command in this process, capturing what it prints.
import { run } from '../../src/cli/run.ts';

export async function runBrief(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { out: (l) => (stdout += l + '\n'), err: (l) => (stderr += l + '\n') });
  return { code, stdout, stderr };
}

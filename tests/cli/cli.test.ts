// The `brief` command as a user runs it: exit codes, messages, atomic and
// reproducible output, the figure-change report, draft and final.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { ROOT, copyProject, edit } from '../support/project.ts';
import { readPdf } from '../support/readPdf.ts';
import { tempDir } from '../support/tempDir.ts';
import { runBrief } from '../support/runCli.ts';
import { pageGeometry } from '../../src/layout/theme.ts';
import { warmUp } from '../../src/cli/run.ts';
import { parseArgs } from '../../src/cli/args.ts';

function brief(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/brief.js'), ...args], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A copy of the project with its out/ folder from a first CLI build, so each test builds only what it is about. */
function afterFirstBuild(first: { dir: string }): { dir: string; out: string } {
  const dir = copyProject();
  cpSync(join(first.dir, 'out'), join(dir, 'out'), { recursive: true });
  return { dir, out: join(dir, 'out', 'brief.pdf') };
}

describe('brief build', () => {
  // One build of the brief by the CLI, shared by the tests that read what it wrote.
  const first = { dir: '', out: '', run: { code: 0 as number | null, stdout: '', stderr: '' } };
  beforeAll(() => {
    first.dir = copyProject();
    first.out = join(first.dir, 'out', 'brief.pdf');
    first.run = brief('build', '--data', join(first.dir, 'data'), '--out', first.out);
  });

  test('writes the PDF and its figure report; a second build is byte-identical', () => {
    expect(first.run.code).toBe(0);
    expect(first.run.stdout).toMatch(/^wrote .*brief\.pdf: \d+ KB, 58 notes, 6 figures, A4/m);
    const bytes = readFileSync(first.out);
    expect(existsSync(join(first.dir, 'out', 'brief.figures.json'))).toBe(true);
    const again = afterFirstBuild(first);
    expect(brief('build', '--data', join(again.dir, 'data'), '--out', again.out).code).toBe(0);
    expect(Buffer.compare(readFileSync(again.out), bytes)).toBe(0);
    expect(bytes.length).toBeLessThan(600 * 1024);
  });

  test('reports a changed figure: old value → new value, with its pages', () => {
    const { dir, out } = afterFirstBuild(first);
    edit(dir, 'data/figures.yaml', (t) => t.replace(/(chinese-tourists-2019:[\s\S]*?value: )145000/, '$1151234'));
    const second = brief('build', '--data', join(dir, 'data'), '--out', out);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^figure chinese-tourists-2019: about 145,000 \(2019\) → about 151,234 \(2019\) \(pages? \d+(, \d+)*\)$/m);
    expect(second.stdout.match(/^figure /gm)).toHaveLength(1);
  });

  test('a broken data file fails naming the file, and leaves the previous PDF byte-identical', () => {
    const { dir, out } = afterFirstBuild(first);
    const before = readFileSync(out);
    edit(dir, 'data/figures.yaml', (t) => t.replace('kostolac-loan:\n  kind: money', 'kostolac-loan:\n  kind: money\n   broken: [indent'));
    const broken = brief('build', '--data', join(dir, 'data'), '--out', out);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^error: data\/figures\.yaml:\d+:\d+: YAML syntax error/m);
    expect(broken.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(Buffer.compare(readFileSync(out), before)).toBe(0);
  });

  test('a draft lists its open items and marks its pages', async () => {
    expect(first.run.stderr).toContain('draft: 14 open items');
    const pdf = await readPdf(readFileSync(first.out));
    for (let p = 2; p <= pdf.pages; p++) expect(pdf.items.some((i) => i.page === p && i.text === 'DRAFT')).toBe(true);
  });

  test('carries title, subject, keywords and language, and bookmarks every section and figure', async () => {
    const { getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(first.out)));
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, string> };
    expect(info).toMatchObject({ Title: 'Serbia and China', Language: 'en-GB', Subject: expect.stringContaining('Serbia'), Keywords: expect.stringContaining('Western Balkans') });
    const titles: string[] = [];
    const walk = (items: { title: string; items: unknown[] }[] | null) => items?.forEach((i) => { titles.push(i.title); walk(i.items as never); });
    walk((await pdf.getOutline()) as never);
    for (const heading of ['Introductory words', 'Intensified economic relations', 'Security cooperation', 'Cultural contacts', 'Conclusion']) expect(titles).toContain(heading);
    expect(titles.filter((t) => /^Figure \d: /.test(t))).toHaveLength(6);
  });

  test('--final refuses the current draft and lists notes 46–58', () => {
    const run = brief('build', '--final', '--out', join(copyProject(), 'out', 'brief.pdf'));
    expect(run.code).toBe(1);
    for (let n = 46; n <= 58; n++) expect(run.stderr).toMatch(new RegExp(`note ${n} \\("missing-[a-z0-9-]+"\\) has no text \\[open-item\\]`));
    expect(run.stderr).toContain('--final refuses a brief with 14 open items');
  });

  test('US Letter from the same sources, with no text outside its margins', async () => {
    const out = join(copyProject(), 'out', 'letter.pdf');
    expect(brief('build', '--paper', 'letter', '--out', out).code).toBe(0);
    const pdf = await readPdf(readFileSync(out));
    const page = pageGeometry('letter');
    expect(pdf.pageHeight).toBe(792);
    for (const i of pdf.items) {
      expect(i.x).toBeGreaterThanOrEqual(page.margins.left - 0.5);
      expect(i.x + i.width).toBeLessThanOrEqual(page.width - page.margins.right + 0.5);
    }
  });
});

describe('brief build --format', () => {
  test('pdf,html writes the PDF and the web edition beside it; unchanged, both are up to date; html alone writes no PDF', () => {
    const dir = copyProject();
    const both = brief('build', '--data', join(dir, 'data'), '--format', 'pdf,html');
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(/^wrote out\/brief\.html: \d+ KB, 58 notes, 6 figures, one self-contained page$/m);
    expect(both.stdout).toMatch(/^wrote out\/brief\.pdf: \d+ KB/m);
    const html = readFileSync(join(dir, 'out', 'brief.html'));
    expect(html.subarray(0, 15).toString()).toBe('<!doctype html>');
    expect(brief('build', '--data', join(dir, 'data'), '--format', 'pdf,html').stdout).toMatch(/^up to date: out\/brief\.pdf, out\/brief\.html/m);
    // Asked for one more format, the build is not up to date until that file is written.
    rmSync(join(dir, 'out', 'brief.html'));
    expect(brief('build', '--data', join(dir, 'data'), '--format', 'pdf,html').stdout).toMatch(/^wrote out\/brief\.html/m);
    // The same inputs give the same bytes.
    expect(Buffer.compare(readFileSync(join(dir, 'out', 'brief.html')), html)).toBe(0);
    const web = copyProject();
    const only = brief('build', '--data', join(web, 'data'), '--format', 'html');
    expect(only.code).toBe(0);
    expect(existsSync(join(web, 'out', 'brief.html'))).toBe(true);
    expect(existsSync(join(web, 'out', 'brief.pdf'))).toBe(false);
    expect(Buffer.compare(readFileSync(join(web, 'out', 'brief.html')), html)).toBe(0);
  });
});

describe('brief usage', () => {
  test('check validates without writing', () => {
    const dir = copyProject();
    const run = brief('check', '--data', join(dir, 'data'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^check: ok, 58 notes, 6 figures/m);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  // In this process (the command's own logic, run.ts): a process each would only add start-up time.
  test.each([['build'], ['watch'], ['check'], ['init']])('%s --help prints its usage and exits 0', async (command) => {
    const run = await runBrief(command, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: brief ${command}`));
  });

  test.each([[['frob']], [['build', '--paper', 'a5']], [['build', '--format', 'docx']], [['build', '--format', 'pdf,epub']], [['build', '--out']], [['build', '--colour']], [['init']]])('%j is a usage error: exit 2', async (args) => {
    const run = await runBrief(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^brief: /);
  });

  test('the installed command prints its usage', () => {
    const run = brief('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: brief <command>/);
  });

  // Left to end by itself, node waits for V8's background work and takes the
  // heap down (40–50 ms after a build); 'beforeExit' is how that ending starts.
  test('a one-shot command exits as soon as its output is out, with its code and every line', () => {
    const preload = join(tempDir('brief-exit-'), 'beforeExit.cjs');
    writeFileSync(preload, `process.on('beforeExit', () => require('node:fs').writeSync(2, 'node: beforeExit\\n'));`);
    const env = { ...process.env, NODE_OPTIONS: `--require ${preload}` };
    const help = spawnSync(join(ROOT, 'bin/brief.js'), ['--help'], { encoding: 'utf8', env });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: brief <command>[\s\S]*Exit codes: 0 ok, 1 invalid input, 2 usage\.\n$/);
    expect(help.stderr).not.toMatch(/beforeExit/);
    const usage = spawnSync(join(ROOT, 'bin/brief.js'), ['build', '--paper', 'a5'], { encoding: 'utf8', env });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/a5/);
    expect(usage.stderr).not.toMatch(/beforeExit/);
  });

  // Node loads NODE_EXTRA_CA_CERTS as it starts (30–40 ms here); a file it cannot
  // read makes it say so, which shows whether it looked. The command never opens a connection.
  test('run as a program (as npx and a shell run it), node starts without NODE_EXTRA_CA_CERTS', () => {
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(ROOT, 'no-such-folder', 'extra.pem') };
    const byNode = spawnSync(process.execPath, [join(ROOT, 'bin/brief.js'), '--help'], { encoding: 'utf8', env });
    expect(byNode.stderr).toMatch(/Ignoring extra certs from .*no-such-folder/);
    const byItself = spawnSync(join(ROOT, 'bin/brief.js'), ['--help'], { encoding: 'utf8', env });
    expect(byItself.status).toBe(0);
    expect(byItself.stdout).toMatch(/^usage: brief <command>/);
    expect(byItself.stderr).not.toMatch(/extra certs/);
  });

  // Set by bin/brief.js's first lines: glibc's malloc takes one heap grown 32 MiB at a time, in huge pages; V8's young generation stays small.
  test("run as a program, node gets glibc's malloc tunables (after any the user set) and a 4 MiB young generation", () => {
    const preload = join(tempDir('brief-tunables-'), 'tunables.cjs');
    writeFileSync(preload, `require('node:fs').writeSync(2, 'tunables: ' + process.env.GLIBC_TUNABLES + '\\nflags: ' + process.execArgv.join(' ') + '\\n');`);
    const tunables = (own?: string) => {
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--require ${preload}` };
      if (own === undefined) delete env.GLIBC_TUNABLES;
      else env.GLIBC_TUNABLES = own;
      const run = spawnSync(join(ROOT, 'bin/brief.js'), ['--help'], { encoding: 'utf8', env });
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/^flags: --max-semi-space-size=4$/m);
      return /^tunables: (.*)$/m.exec(run.stderr)?.[1];
    };
    const ours = 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.top_pad=33554432';
    expect(tunables()).toBe(ours);
    expect(tunables('glibc.malloc.arena_max=2')).toBe(`glibc.malloc.arena_max=2:${ours}`);
  });
});

describe('brief watch', () => {
  test('rebuilds the PDF and the web edition after each of three saves by rename (write a new file, rename it over the old), reports what changed, gives the bytes of a clean build, and keeps the last good PDF through a broken edit written in place', async () => {
    const { spawn } = await import('node:child_process');
    const { renameSync, writeFileSync } = await import('node:fs');
    const dir = copyProject();
    const out = join(dir, 'out', 'brief.pdf');
    // Each time watch empties V8's young generation (src/cli/collectYoung.ts), its node says so.
    const preload = join(tempDir('brief-collect-'), 'collect.cjs');
    writeFileSync(preload, `const gc = globalThis.gc; if (gc) globalThis.gc = (o) => { require('node:fs').writeSync(2, 'collected: ' + JSON.stringify(o) + '\\n'); return gc(o); };`);
    const env = { ...process.env, NODE_OPTIONS: `--require ${preload}` };
    const child = spawn(process.execPath, [join(ROOT, 'bin/brief.js'), 'watch', '--data', join(dir, 'data'), '--out', out, '--format', 'pdf,html'], { stdio: ['ignore', 'pipe', 'pipe'], env });
    // Stopped however the test ends, a timeout included (a timed-out test never reaches its finally).
    onTestFinished(() => {
      child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const until = (test: () => boolean, what: string) =>
      new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got:\n${output}`)), 120_000);
        const poll = setInterval(() => {
          if (test()) {
            clearTimeout(deadline);
            clearInterval(poll);
            resolve();
          }
        }, 50);
      });
    const file = join(dir, 'data', 'figures.yaml');
    try {
      await until(() => /watching data\//.test(output), 'the first build');
      for (const [n, value] of [151234, 152000, 153456].entries()) {
        const text = readFileSync(file, 'utf8').replace(/(chinese-tourists-2019:[\s\S]*?value: )\d+/, `$1${value}`);
        writeFileSync(`${file}.saving`, text);
        renameSync(`${file}.saving`, file);
        const shown = new Intl.NumberFormat('en-GB').format(value);
        await until(() => new RegExp(`→ about ${shown} \\(2019\\)[\\s\\S]*?wrote `).test(output), `rebuild ${n + 1}`);
        // Once after the warm-up builds, then after each rebuild (on stderr: its order against stdout's lines is the pipes').
        await until(() => (output.match(/^collected: \{"type":"minor"\}$/gm)?.length ?? 0) >= n + 2, `the young generation emptied after rebuild ${n + 1}`);
      }
      expect(output.match(/^changed: data\/figures\.yaml/gm)?.length).toBeGreaterThanOrEqual(3);
      expect(output).toMatch(/figure chinese-tourists-2019: about 145,000 \(2019\) → about 151,234 \(2019\)/);
      // The web edition was rebuilt with each save too.
      expect(readFileSync(join(dir, 'out', 'brief.html'), 'utf8')).toContain('153,456');
      // A broken edit prints its error and keeps the last good PDF.
      const good = readFileSync(out);
      writeFileSync(file, readFileSync(file, 'utf8').replace('value: 153456', 'value: [unclosed'));
      await until(() => /error: data\/figures\.yaml:\d+:\d+: YAML syntax error[\s\S]*?nothing written/.test(output), 'the broken edit');
      expect(Buffer.compare(readFileSync(out), good)).toBe(0);
      // The last good rebuild in watch (caches warm, fonts shared in the process) equals a clean build.
      writeFileSync(file, readFileSync(file, 'utf8').replace('value: [unclosed', 'value: 153456'));
      expect(brief('build', '--data', join(dir, 'data'), '--out', join(dir, 'clean.pdf'), '--no-cache').code).toBe(0);
      expect(Buffer.compare(readFileSync(join(dir, 'clean.pdf')), good)).toBe(0);
    } finally {
      child.kill('SIGINT');
    }
  });


  test.skipIf(!existsSync('/proc/self/stat'))('runs in a node with a larger young generation and its collector exposed, which stops when the command is killed, even by SIGKILL', async () => {
    const { spawn } = await import('node:child_process');
    const dir = copyProject();
    // Run as a program, whose node has the young generation builds have (4 MiB): watch's is its own.
    const parent = spawn(join(ROOT, 'bin/brief.js'), ['watch', '--data', join(dir, 'data'), '--out', join(dir, 'out', 'brief.pdf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    parent.stdout.on('data', (d) => (output += d));
    parent.stderr.on('data', (d) => (output += d));
    /** The processes whose parent is `pid`, with their command lines (Linux's /proc). */
    const children = (pid: number) => readdirSync('/proc').filter((f) => /^\d+$/.test(f)).flatMap((f) => {
      try {
        const stat = readFileSync(`/proc/${f}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid ? [{ pid: Number(f), argv: readFileSync(`/proc/${f}/cmdline`, 'utf8').split('\0').filter(Boolean) }] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
    const waitFor = async (what: string, test: () => boolean, ms = 120_000) => {
      for (const deadline = Date.now() + ms; !test(); await new Promise((r) => setTimeout(r, 100))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got:\n${output}`);
      }
    };
    let watcher: { pid: number; argv: string[] } | undefined;
    onTestFinished(() => {
      parent.kill('SIGKILL');
      if (watcher) try { process.kill(watcher.pid, 'SIGKILL'); } catch { /* gone */ }
    });
    await waitFor('the first build', () => /watching data\//.test(output));
    // (Its other child, if the bundle was made afresh: esbuild's service.)
    watcher = children(parent.pid!).find((c) => c.argv.includes('watch'));
    expect(watcher).toBeDefined();
    expect(watcher!.argv).toContain('--max-semi-space-size=64');
    expect(watcher!.argv).toContain('--expose-gc');
    expect(watcher!.argv).not.toContain('--max-semi-space-size=4');
    expect(watcher!.argv.slice(-5)).toEqual(['watch', '--data', join(dir, 'data'), '--out', join(dir, 'out', 'brief.pdf')]);
    parent.kill('SIGKILL');
    // A zombie (Z) has stopped: only its parent, gone, would have reaped it.
    await waitFor('the watch to stop with its command', () => !existsSync(`/proc/${watcher!.pid}/stat`) || readFileSync(`/proc/${watcher!.pid}/stat`, 'utf8').includes(') Z '), 20_000);
  });

  test('the warm-up build watch makes after the first writes nothing, not even to the cache', async () => {
    const dir = copyProject();
    expect((await runBrief('build', '--data', join(dir, 'data'))).code).toBe(0);
    // Each file's inode and size: a write (a new file renamed into place) changes the inode.
    const files = (folder: string): Record<string, string> => Object.fromEntries(readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).map((f) => [f, `${statSync(f).ino}:${statSync(f).size}`]));
    const before = files(join(dir, 'out'));
    expect(Object.keys(before).filter((f) => f.includes('/.cache/chart/'))).toHaveLength(6);
    await warmUp(parseArgs(['watch', '--data', join(dir, 'data')]));
    expect(files(join(dir, 'out'))).toEqual(before);
  });
});

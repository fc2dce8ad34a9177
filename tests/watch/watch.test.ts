import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';

const wrongTotal = await readFile(new URL('../fixtures/lint/rules/tc-mismatch/not-ok.md', import.meta.url), 'utf8');
const ok = await readFile(new URL('../fixtures/lint/ok.md', import.meta.url), 'utf8');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'offerbrief-watch-'));
  await mkdir(join(dir, '.git'));
  await mkdir(join(dir, 'guides'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Starts a watching command in-process; `until` waits (at most 20 s: the machine is shared) for its output to satisfy a test. */
function start(argv: string[], tty = false) {
  let out = '';
  const controller = new AbortController();
  const ctx: CliContext = {
    cwd: dir,
    env: {},
    stdout: { write: (s: string) => ((out += s), true), isTTY: tty },
    stderr: { write: (s: string) => ((out += s), true), isTTY: false },
    signal: controller.signal,
  };
  const done = main(argv, ctx);
  const until = async (test: (out: string) => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    while (!test(out)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far:\n${out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const count = (text: string) => out.split(text).length - 1;
  return { done, until, count, stop: () => controller.abort(), output: () => out };
}

describe('lint --watch', () => {
  it('lints again after a write, survives an unparsable save and a broken config, and stops on its signal', async () => {
    await writeFile(join(dir, 'guides', 'a.md'), ok);
    const run = start(['lint', '--watch', 'guides']);
    await run.until((o) => o.includes('watching for changes'), 'the first run');
    expect(run.output()).toContain('✔ No problems in 1 file');

    await writeFile(join(dir, 'guides', 'a.md'), wrongTotal);
    await run.until((o) => o.includes('Unexpected total comp high $285K'), 'the finding after a write');
    expect(run.output()).toContain('guides/a.md changed, running again');

    // Bytes that are not UTF-8 (a half-written binary save): a finding, and the watch goes on.
    await writeFile(join(dir, 'guides', 'a.md'), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x00]));
    await run.until((o) => o.includes('encoding-invalid'), 'the unparsable save');

    // A config saved with a syntax error: its error, then watching still.
    const watching = run.count('watching for changes');
    await writeFile(join(dir, 'offerbrief.config.json'), '{"rules": {,}');
    await run.until((o) => o.includes('bad config: offerbrief.config.json:1:12: not valid JSON'), 'the config error');
    await run.until(() => run.count('watching for changes') > watching, 'watching after the config error');

    // Fixed config and guide: clean again.
    await writeFile(join(dir, 'offerbrief.config.json'), '{"rules": {"tc-mismatch": "off"}}');
    await writeFile(join(dir, 'guides', 'a.md'), wrongTotal);
    const clean = run.count('✔ No problems in 1 file');
    await run.until(() => run.count('✔ No problems in 1 file') > clean, 'a clean run under the fixed config');

    expect(run.output()).not.toContain('\x1b[2J');
    run.stop();
    expect(await run.done).toBe(0);
  }, 60_000);

  it('clears the screen before each run on a terminal, and only there', async () => {
    await writeFile(join(dir, 'guides', 'a.md'), ok);
    const run = start(['lint', '--watch', 'guides'], true);
    await run.until((o) => o.includes('watching for changes'), 'the first run');
    expect(run.output().startsWith('\x1b[2J\x1b[3J\x1b[H')).toBe(true);
    await writeFile(join(dir, 'guides', 'a.md'), wrongTotal);
    await run.until((o) => o.includes('tc-mismatch'), 'the second run');
    expect(run.count('\x1b[2J')).toBe(2);
    run.stop();
    expect(await run.done).toBe(0);
  }, 60_000);

  it('refuses to watch stdin', async () => {
    const run = start(['lint', '--watch', '-']);
    expect(await run.done).toBe(2);
    expect(run.output()).toBe('offerbrief lint: --watch cannot watch stdin (-), expected files or folders\n');
  });
});

describe('draft --watch', () => {
  it('drafts again when the profile or its guide changes, and keeps going past a bad profile', async () => {
    await writeFile(join(dir, 'guides', 'a.md'), ok);
    const profile = (company: string) => `name: Sam Lee\nregion: Austin\nguide: ../guides/a.md\noffer: {base: 180000}\ncompeting: [{company: ${company}, totalComp: 320000}]\n`;
    await mkdir(join(dir, 'candidates'));
    await writeFile(join(dir, 'candidates', 'sam.yaml'), profile('Acme Robotics'));
    const run = start(['draft', '--watch', '-c', 'candidates/sam.yaml']);
    await run.until((o) => o.includes('watching for changes'), 'the first draft');
    expect(run.count('Subject: ')).toBe(1);
    expect(run.output()).toContain('Acme Robotics');

    await writeFile(join(dir, 'candidates', 'sam.yaml'), 'name: Sam Lee\nregion: Austin\noffer: {base: lots}\n');
    await run.until((o) => o.includes('offer.base'), 'the profile error');
    await writeFile(join(dir, 'candidates', 'sam.yaml'), profile('Zenith Dynamics'));
    await run.until((o) => o.includes('Zenith Dynamics'), 'the draft after the fix');
    expect(run.count('Subject: ')).toBe(2);

    // The guide the profile names is watched too.
    await writeFile(join(dir, 'guides', 'a.md'), ok.replace('boringly reliable', 'reliable'));
    await run.until(() => run.count('Subject: ') >= 3, 'a draft after the guide changed');

    run.stop();
    expect(await run.done).toBe(0);
  }, 60_000);
});

describe('render --watch', () => {
  it('renders again when the profile changes and keeps going past a bad one', async () => {
    await writeFile(join(dir, 'guides', 'a.md'), ok);
    const profile = (base: number) => `name: Sam Lee\nregion: Austin\nguide: ../guides/a.md\noffer: {base: ${base}}\n`;
    await mkdir(join(dir, 'candidates'));
    await writeFile(join(dir, 'candidates', 'sam.yaml'), profile(180000));
    const run = start(['render', '--watch', '-c', 'candidates/sam.yaml', '--date', '2026-12-01']);
    await run.until((o) => o.includes('watching for changes'), 'the first render');
    const pdf = /^(out\/\S+\.pdf)$/m.exec(run.output())?.[1];
    expect(pdf).toBeDefined();
    const first = await readFile(join(dir, pdf!));

    await writeFile(join(dir, 'candidates', 'sam.yaml'), 'name: Sam Lee\nregion: Austin\noffer: {base: lots}\n');
    await run.until((o) => o.includes('offer.base'), 'the profile error');
    await writeFile(join(dir, 'candidates', 'sam.yaml'), profile(190000));
    await run.until(() => run.count(pdf!) >= 2, 'the second render');
    expect(Buffer.compare(await readFile(join(dir, pdf!)), first)).not.toBe(0);

    // The guide the profile names is watched too.
    const renders = run.count(pdf!);
    await writeFile(join(dir, 'guides', 'a.md'), ok.replace('boringly reliable', 'reliable'));
    await run.until(() => run.count(pdf!) > renders, 'a render after the guide changed');

    run.stop();
    expect(await run.done).toBe(0);
  }, 60_000);
});

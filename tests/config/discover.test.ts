import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigFinder, matchesGlob } from '../../src/config/discover.js';
import { runCli } from '../cli/run.js';

const wrongTotal = await readFile(new URL('../fixtures/lint/rules/tc-mismatch/not-ok.md', import.meta.url), 'utf8');
const ok = await readFile(new URL('../fixtures/lint/ok.md', import.meta.url), 'utf8');

let repo: string;

/** Writes files into the temp repository (a `.git` folder marks its root). */
async function write(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), text);
  }
}

/** `path rule severity` for each finding of a JSON lint run. */
async function lintJson(args: string[], cwd = repo) {
  const { code, stdout, stderr } = await runCli(['lint', '--format', 'json', ...args], { cwd });
  const results = stdout ? (JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number }> }>) : [];
  const findings = results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(repo.length + 1)} ${m.ruleId} ${m.severity === 2 ? 'error' : 'warning'}`));
  return { code, findings, files: results.map((r) => r.filePath.slice(repo.length + 1)), stderr };
}

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'offerbrief-discover-'));
  await mkdir(join(repo, '.git'));
});
afterEach(() => rm(repo, { recursive: true, force: true }));

describe('config discovery', () => {
  it('finds the config two folders up (YAML), from any cwd', async () => {
    await write({ 'offerbrief.config.yaml': 'rules:\n  tc-mismatch: warn\n', 'guides/us/northwind.md': wrongTotal });
    expect((await lintJson(['guides'])).findings).toEqual(['guides/us/northwind.md tc-mismatch warning']);
    const fromInside = await lintJson(['northwind.md'], join(repo, 'guides/us'));
    expect(fromInside.code).toBe(0);
    expect(fromInside.findings).toEqual(['guides/us/northwind.md tc-mismatch warning']);
  });

  it('the nearest config wins: a folder of its own replaces the one above', async () => {
    await write({
      'offerbrief.config.json': JSON.stringify({ rules: { 'tc-mismatch': 'off' } }),
      'guides/eu/offerbrief.config.yml': 'rules:\n  tc-mismatch: warn\n',
      'guides/us/a.md': wrongTotal,
      'guides/eu/b.md': wrongTotal,
      'guides/c.md': wrongTotal,
    });
    expect((await lintJson(['guides'])).findings).toEqual(['guides/eu/b.md tc-mismatch warning']);
  });

  it('package.json#offerbrief counts, a JSON config beside it first', async () => {
    await write({ 'package.json': JSON.stringify({ name: 'x', offerbrief: { rules: { 'tc-mismatch': 'warn' } } }), 'g/a.md': wrongTotal });
    expect((await lintJson(['g'])).findings).toEqual(['g/a.md tc-mismatch warning']);
    await write({ 'offerbrief.config.json': JSON.stringify({ rules: { 'tc-mismatch': 'off' } }) });
    expect((await lintJson(['g'])).findings).toEqual([]);
  });

  it('stops at the repository root', async () => {
    await write({ 'offerbrief.config.json': JSON.stringify({ rules: { 'tc-mismatch': 'off' } }), 'sub/.git/HEAD': '', 'sub/g/a.md': wrongTotal });
    expect((await lintJson(['sub/g'])).findings).toEqual(['sub/g/a.md tc-mismatch error']);
  });

  it('overrides apply per folder, later entries winning; the tolerance too', async () => {
    await write({
      'offerbrief.config.json': JSON.stringify({
        rules: { 'tc-mismatch': 'warn' },
        overrides: [
          { files: ['guides/eu/**'], rules: { 'tc-mismatch': 'off' } },
          { files: ['guides/eu/strict-*.md'], rules: { 'tc-mismatch': 'error' } },
          { files: ['guides/loose'], tolerance: '25000' },
        ],
      }),
      'guides/us/a.md': wrongTotal,
      'guides/eu/b.md': wrongTotal,
      'guides/eu/strict-c.md': wrongTotal,
      'guides/loose/d.md': wrongTotal,
    });
    const run = await lintJson(['guides']);
    expect(run.findings).toEqual(['guides/eu/strict-c.md tc-mismatch error', 'guides/us/a.md tc-mismatch warning']);
    expect(run.files).toEqual(['guides/eu/b.md', 'guides/eu/strict-c.md', 'guides/loose/d.md', 'guides/us/a.md']);
    expect(run.code).toBe(1);
  });

  it('ignores skip guides by glob or folder, relative to the config', async () => {
    await write({
      'guides/offerbrief.config.json': JSON.stringify({ ignores: ['drafts', '**/*.wip.md'] }),
      'guides/drafts/a.md': wrongTotal,
      'guides/x/b.wip.md': wrongTotal,
      'guides/ok.md': ok,
    });
    const run = await lintJson(['guides']);
    expect(run.files).toEqual(['guides/ok.md']);
    expect(run.code).toBe(0);
    // A guide named on the command line is skipped too, with a note (as ESLint does).
    const named = await runCli(['lint', 'guides/drafts/a.md'], { cwd: repo });
    expect(named).toEqual({ code: 0, stdout: '', stderr: 'offerbrief lint: 1 file ignored by the config\'s "ignores" (guides/offerbrief.config.json)\n' });
  });

  it('--config wins over the nearest config, its globs relative to its own folder', async () => {
    await write({
      'offerbrief.config.json': JSON.stringify({ rules: { 'tc-mismatch': 'off' } }),
      'ci/strict.yaml': 'rules:\n  tc-mismatch: error\nignores: ["../guides/skip.md"]\n',
      'guides/a.md': wrongTotal,
    });
    expect((await lintJson(['guides', '--config', 'ci/strict.yaml'])).findings).toEqual(['guides/a.md tc-mismatch error']);
  });

  it('a bad config names the file, the place and the problem (exit 2)', async () => {
    await write({ 'offerbrief.config.yaml': 'rules:\n  tc-mismatch: warn\n  tc-mismatch: off\n', 'g/a.md': ok });
    const dup = await runCli(['lint', 'g'], { cwd: repo });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toBe('offerbrief lint: bad config: offerbrief.config.yaml:3:3: not valid YAML (Map keys must be unique)\n');
    await write({ 'offerbrief.config.yaml': 'rules:\n  tc-mismach: warn\n' });
    expect((await runCli(['lint', 'g'], { cwd: repo })).stderr).toMatch(/^offerbrief lint: bad config: offerbrief\.config\.yaml: rules\.tc-mismach: unknown rule id, expected one of .*; did you mean "tc-mismatch"\?\n$/);
    await write({ 'offerbrief.config.yaml': 'overrides:\n  - rules: {tc-mismatch: warn}\n' });
    expect((await runCli(['lint', 'g'], { cwd: repo })).stderr).toBe(
      'offerbrief lint: bad config: offerbrief.config.yaml: overrides[0].files: expected a list of globs, like ["drafts/**"]\n',
    );
  });

  it('render\'s lint gate uses the guide\'s config and control comments', async () => {
    await write({
      'guides/offerbrief.config.json': JSON.stringify({ rules: { 'tc-mismatch': 'warn' } }),
      'guides/a.md': wrongTotal,
      'candidates/c.yaml': 'name: Sam Lee\nregion: Austin\nguide: ../guides/a.md\noffer: {base: 180000}\n',
      'candidates/d.yaml': 'name: Sam Lee\nregion: Austin\nguide: ../b.md\noffer: {base: 180000}\n',
      'b.md': `<!-- offerbrief-disable tc-mismatch -->\n${wrongTotal}`,
      'c.md': wrongTotal,
    });
    const plan = await runCli(['plan', '--candidate', 'candidates/c.yaml'], { cwd: repo });
    expect(plan.code).toBe(0);
    expect((await runCli(['plan', '--candidate', 'candidates/d.yaml'], { cwd: repo })).code).toBe(0);
    const refused = await runCli(['plan', '--candidate', 'candidates/d.yaml', '--guide', 'c.md'], { cwd: repo });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('c.md:8:44  Unexpected total comp high $285K, expected $265K ($205K + $240K/4yr)  tc-mismatch');
  });
});

describe('matchesGlob', () => {
  it.each([
    ['drafts/a.md', 'drafts', true],
    ['drafts/x/a.md', 'drafts/', true],
    ['drafts/x/a.md', './drafts/**', true],
    ['a.wip.md', '**/*.wip.md', true],
    ['eu/a.md', 'eu/*.md', true],
    ['eu/x/a.md', 'eu/*.md', false],
    ['us/a.md', 'eu', false],
    ['.hidden/a.md', '**/a.md', true],
  ])('%s against %s: %s', (path, glob, expected) => {
    expect(matchesGlob(path, glob)).toBe(expected);
  });

  it('a finder reads each folder once', async () => {
    await write({ 'offerbrief.config.json': '{"rules":{"tc-mismatch":"warn"}}', 'a/b/g.md': '' });
    const finder = new ConfigFinder({ cwd: repo });
    const first = await finder.configOf(join(repo, 'a/b/g.md'));
    await writeFile(join(repo, 'offerbrief.config.json'), '{"rules":{"tc-mismatch":"off"}}');
    expect(await finder.configOf(join(repo, 'a/b/h.md'))).toBe(first);
    expect((await new ConfigFinder({ cwd: repo }).forFile('a/b/g.md')).rules).toEqual({ 'tc-mismatch': 'off' });
  });
});

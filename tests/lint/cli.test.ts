import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const fixtures = fileURLToPath(new URL('../fixtures/lint/', import.meta.url));
const okGuide = readFileSync(join(fixtures, 'ok.md'), 'utf8');
const dirs: string[] = [];

/** A temp project holding `files` (path → content). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'offerbrief-lint-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function lint(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['lint', ...args], {
    cwd,
    // A fixed day, so sources-stale judges these guides the same in any year (2026-12-01).
    env: { SOURCE_DATE_EPOCH: '1796083200' },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

const warnOnly = okGuide.slice(0, okGuide.indexOf('**Evidence & Sources**'));
const withError = okGuide.replace('| $205K-$265K |', '| $205K-$285K |');

describe('offerbrief lint exit codes', () => {
  it('0 for clean guides in the default guides/ folder', async () => {
    const dir = project({ 'guides/a.md': okGuide });
    expect(await lint(dir)).toEqual({ code: 0, stdout: '✔ No problems in 1 file\n', stderr: '' });
  });

  it('1 for errors', async () => {
    const dir = project({ 'guides/a.md': okGuide, 'guides/b.md': withError });
    const { code, stdout } = await lint(dir);
    expect(code).toBe(1);
    expect(stdout).toContain('guides/b.md\n  8:44  error    Unexpected total comp high $285K, expected $265K ($205K + $240K/4yr)  tc-mismatch\n');
    expect(stdout).toContain('✖ 1 problem (1 error, 0 warnings) in 1 of 2 files');
  });

  it('0 for warnings, 1 when they exceed --max-warnings', async () => {
    const dir = project({ 'guides/a.md': warnOnly });
    expect((await lint(dir)).code).toBe(0);
    expect((await lint(dir, '--max-warnings', '1')).code).toBe(0);
    const over = await lint(dir, '--max-warnings', '0');
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('offerbrief lint: 1 warnings, more than --max-warnings 0\n');
  });

  it('--quiet hides warnings (they still count for --max-warnings)', async () => {
    const dir = project({ 'guides/a.md': warnOnly });
    expect(await lint(dir, '--quiet')).toEqual({ code: 0, stdout: '✔ No problems in 1 file\n', stderr: '' });
    expect((await lint(dir, '--quiet', '--max-warnings', '0')).code).toBe(1);
  });

  it('--rule changes severities; a bad rule or level is a usage error', async () => {
    const dir = project({ 'guides/b.md': withError });
    expect((await lint(dir, '--rule', 'tc-mismatch=warn')).code).toBe(0);
    expect((await lint(dir, '--rule', 'tc-mismatch=off', '--max-warnings', '0')).code).toBe(0);
    expect((await lint(dir, '--rule', 'tc-mismatch=warn', '--rule', 'tc-mismatch=error')).code).toBe(1);
    const unknown = await lint(dir, '--rule', 'tc-mismatc=off');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^offerbrief lint: --rule tc-mismatc=off: unknown rule "tc-mismatc", expected one of table-missing, column-missing, .*tc-mismatch/);
    const level = await lint(dir, '--rule', 'tc-mismatch=loud');
    expect([level.code, level.stderr]).toEqual([2, 'offerbrief lint: --rule tc-mismatch=loud: unknown level "loud", expected off, warn or error\n']);
  });

  it('--tolerance takes units, a percentage or both', async () => {
    const dir = project({ 'guides/b.md': withError });
    expect((await lint(dir, '--tolerance', '20000')).code).toBe(0);
    expect((await lint(dir, '--tolerance', '8%')).code).toBe(0);
    expect((await lint(dir, '--tolerance', '1000,0.5%')).code).toBe(1);
    const bad = await lint(dir, '--tolerance', 'lots');
    expect([bad.code, bad.stderr]).toEqual([2, 'offerbrief lint: --tolerance: unexpected "lots", expected an amount, a percentage or both, like 1000, 0.5% or 1000,0.5%\n']);
  });

  it('2 for an unknown format', async () => {
    const dir = project({ 'guides/a.md': okGuide });
    expect(await lint(dir, '--format', 'xml')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'offerbrief lint: --format "xml": unknown format, expected one of text, json, sarif, github\n',
    });
  });

  it('2 for a missing path, a glob matching nothing or a folder without guides', async () => {
    const dir = project({ 'guides/a.md': okGuide, 'empty/readme.txt': 'x' });
    expect(await lint(dir, 'nope.md')).toEqual({ code: 2, stdout: '', stderr: 'offerbrief lint: nope.md: no such file or folder\n' });
    expect(await lint(dir, 'guides/*.markdown')).toEqual({ code: 2, stdout: '', stderr: 'offerbrief lint: guides/*.markdown: no files match this glob\n' });
    expect(await lint(dir, 'empty')).toEqual({ code: 2, stdout: '', stderr: 'offerbrief lint: empty: no Markdown files (*.md) in this folder\n' });
  });

  it('2 when one file cannot be read, while the others are still linted', async () => {
    const dir = project({ 'guides/a.md': withError, 'guides/big.md': okGuide + 'x'.repeat(5000) });
    const { code, stdout, stderr } = await lint(dir, '--max-size', '4KB', '--format', 'json');
    expect(code).toBe(2);
    const results = JSON.parse(stdout);
    expect(results.map((r: { messages: Array<{ ruleId: string }> }) => r.messages.map((m) => m.ruleId))).toEqual([['tc-mismatch'], ['file-unreadable']]);
    expect(results[1].messages[0]).toMatchObject({ severity: 2, fatal: true, line: 1, column: 1, message: 'guides/big.md: 6.4 KB is over the 4 KB limit for a guide; split it, or raise the limit with --max-size' });
    expect(stderr).toBe('offerbrief lint: 1 file could not be read (see the file-unreadable messages)\n');
  });

  it('lints globs and files, each once, in path order', async () => {
    const dir = project({ 'guides/b.md': okGuide, 'guides/a.md': okGuide, 'more/c.md': okGuide });
    const { stdout } = await lint(dir, 'more/c.md', 'guides/*.md', 'guides/a.md', '--format', 'json');
    expect(JSON.parse(stdout).map((r: { filePath: string }) => r.filePath.slice(dir.length + 1))).toEqual(['guides/a.md', 'guides/b.md', 'more/c.md']);
  });

  it('prints help', async () => {
    const { code, stdout } = await lint(project({}), '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: offerbrief lint \[paths or globs\.\.\.\]/);
  });
});

describe('config', () => {
  it('reads severities and tolerance from offerbrief.config.json', async () => {
    const dir = project({ 'guides/b.md': withError, 'offerbrief.config.json': JSON.stringify({ rules: { 'tc-mismatch': 'warn' } }) });
    expect((await lint(dir)).code).toBe(0);
    // The command line wins over the config.
    expect((await lint(dir, '--rule', 'tc-mismatch=error')).code).toBe(1);
    const tolerant = project({ 'guides/b.md': withError, 'offerbrief.config.json': JSON.stringify({ tolerance: '25000' }) });
    expect((await lint(tolerant)).code).toBe(0);
    expect((await lint(tolerant, '--tolerance', '0')).code).toBe(1);
  });

  it('reads the offerbrief key of package.json', async () => {
    const dir = project({ 'guides/b.md': withError, 'package.json': JSON.stringify({ name: 'x', offerbrief: { tolerance: { absolute: 25000 } } }) });
    expect((await lint(dir)).code).toBe(0);
  });

  it('uses --config when given', async () => {
    const dir = project({ 'guides/b.md': withError, 'ci/lint.json': JSON.stringify({ rules: { 'tc-mismatch': 'off' } }) });
    expect((await lint(dir, '--config', 'ci/lint.json')).code).toBe(0);
    expect(await lint(dir, '--config', 'ci/none.json')).toEqual({ code: 2, stdout: '', stderr: 'offerbrief lint: ci/none.json: no such config file\n' });
  });

  it('a bad config is a usage error that says what and where', async () => {
    const cases: Array<[string, string]> = [
      [JSON.stringify({ rules: { 'tc-mismatch': 'warning' } }), 'offerbrief.config.json: rules.tc-mismatch: expected "off", "warn" or "error", got "warning"'],
      [JSON.stringify({ rules: { 'tc-mismatc': 'off' } }), 'offerbrief.config.json: rules.tc-mismatc: unknown rule id, expected one of table-missing'],
      [JSON.stringify({ rule: {} }), 'offerbrief.config.json: unknown key "rule", expected $schema, rules, tolerance, ignores, overrides, fx or maxAgeMonths'],
      [JSON.stringify({ tolerance: { absolute: -1 } }), 'offerbrief.config.json: tolerance.absolute: expected 0 or more'],
      [JSON.stringify({ tolerance: 'lots' }), 'offerbrief.config.json.tolerance: unexpected "lots"'],
      ['[1]', 'offerbrief.config.json: expected an object like'],
      ['{\n  "rules": {,\n}', 'offerbrief.config.json:2:13: not valid JSON'],
    ];
    for (const [config, message] of cases) {
      const dir = project({ 'guides/a.md': okGuide, 'offerbrief.config.json': config });
      const { code, stdout, stderr } = await lint(dir);
      expect([code, stdout]).toEqual([2, '']);
      expect(stderr).toContain(message);
      expect(stderr.split('\n')).toHaveLength(2); // one line, no stack trace
    }
  });
});

describe('the bundled project fixture', () => {
  it('matches the golden text output through the CLI', async () => {
    const dir = project({});
    cpSync(join(fixtures, 'project'), dir, { recursive: true });
    const { code, stdout } = await lint(dir);
    expect(code).toBe(1);
    expect(stdout).toBe(readFileSync(join(fixtures, 'golden/text.txt'), 'utf8'));
  });
});

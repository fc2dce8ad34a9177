import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFixes, fixSource } from '../../src/lint/fix.js';
import { lintGuideSource } from '../../src/validate/index.js';
import { runCli } from '../cli/run.js';

const fixtures = new URL('../fixtures/lint/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, fixtures), 'utf8');
const ok = read('ok.md');
const date = '2026-12-01';
const fixable = ['tc-mismatch', 'strategy-tc-mismatch', 'range-inverted'];

const dirs: string[] = [];
function project(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'offerbrief-fix-'));
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

const ids = (text: string) => lintGuideSource(text, { date }).file.messages.map((m) => m.ruleId);

describe('a fixture per fixable rule: not-ok fixed is the fixed file, and lints clean', () => {
  for (const rule of fixable) {
    it(rule, () => {
      const before = read(`rules/${rule}/not-ok.md`);
      const after = read(`rules/${rule}/fixed.md`);
      expect(ids(before)).toContain(rule);
      const fixed = fixSource(before, { date });
      expect(fixed.output).toBe(after);
      expect(fixed.file.messages.map((m) => m.ruleId)).not.toContain(rule);
      expect(ids(after)).toEqual([]);
    });
  }
});

describe('fixes keep the written form', () => {
  it('K and M suffixes, dashes, spacing, "to", commas, currency prefixes, a suffix written once', () => {
    const fixed = fixSource(read('fix/forms-before.md'), { date });
    expect(fixed.output).toBe(read('fix/forms-after.md'));
    expect(fixed.fixCount).toBe(17);
    expect(fixed.file.messages).toEqual([]);
  });

  it('each message carries one exact edit: the digits of the number concerned', () => {
    const { file } = lintGuideSource(read('rules/tc-mismatch/not-ok.md'), { date });
    const [message] = file.messages;
    expect((message as unknown as { fix: unknown }).fix).toEqual({ range: [412, 415], text: '265' });
    expect(read('rules/tc-mismatch/not-ok.md').slice(412, 415)).toBe('285');
  });

  it('a range swaps its ends; amounts of different scales move whole', () => {
    const row = (base: string) => ok.replace('| Seattle | $180K-$220K | $160K-$240K | 10%-15% | $238K-$313K |', `| Seattle | ${base} | — | — | — |`);
    const swap = (base: string) => fixSource(row(base), { date }).output.split('\n')[6];
    expect(swap('$220K - $180K')).toBe('| Seattle | $180K - $220K | — | — | — |');
    expect(swap('$1.2M–$900K')).toBe('| Seattle | $900K–$1.2M | — | — | — |');
    expect(swap('$220-180K')).toBe('| Seattle | $180-220K | — | — | — |');
  });

  it('a finer precision only when the tolerance asks for it', () => {
    const guide = ok.replace('| $205K-$265K |', '| $205K-$270K |').replace('| $165K-$205K | $160K-$240K |', '| $165K-$205K | $161K-$240K |');
    // 165 + 161/4 = 205.25K: the default tolerance takes $205K as it is, --tolerance 0 writes 205.25.
    expect(fixSource(guide, { date }).output).toContain('| $205K-$265K |');
    expect(fixSource(guide, { date, tolerance: { absolute: 0, relative: 0 } }).output).toContain('| $205.25K-$265K |');
  });
});

describe('no fix where the answer is not one', () => {
  it('a single total for a range of parts', () => {
    const guide = ok.replace('| $205K-$265K |', '| $300K |');
    const { file } = lintGuideSource(guide, { date });
    const tc = file.messages.filter((m) => m.ruleId === 'tc-mismatch');
    expect(tc).toHaveLength(2);
    for (const m of tc) expect('fix' in m).toBe(false);
    expect(fixSource(guide, { date }).output).toBe(guide);
  });

  it('a total whose source does not read as its value (an entity for a digit)', () => {
    const guide = ok.replace('| $205K-$265K |', '| $205K-$2&#56;5K |');
    expect(lintGuideSource(guide, { date }).file.messages.some((m) => m.ruleId === 'tc-mismatch')).toBe(true);
    expect(fixSource(guide, { date }).output).toBe(guide);
  });

  it('markup around the number stays', () => {
    const guide = ok.replace('| $205K-$265K |', '| **$205K-$285K** |');
    expect(fixSource(guide, { date }).output).toBe(ok.replace('| $205K-$265K |', '| **$205K-$265K** |'));
  });

  it('rules set to off fix nothing', () => {
    const guide = read('rules/tc-mismatch/not-ok.md');
    expect(fixSource(guide, { date, rules: { 'tc-mismatch': 'off' } }).output).toBe(guide);
  });
});

describe('applyFixes', () => {
  it('applies in range order and leaves an overlapping fix for the next pass', () => {
    expect(applyFixes('abcdef', [{ range: [4, 5], text: 'E' }, { range: [0, 2], text: 'AB' }, { range: [1, 3], text: 'x' }])).toEqual({ output: 'ABcdEf', applied: 2 });
    expect(applyFixes('abc', [{ range: [3, 3], text: '!' }])).toEqual({ output: 'abc!', applied: 1 });
  });
});

/** A band row's cells written in one of the forms guides use. */
const money: fc.Arbitrary<[string, string, number]> = fc.constantFrom<[string, string, number]>(['$', 'K', 1000], ['£', 'K', 1000], ['€', 'K', 1000], ['CHF ', 'K', 1000], ['$', '', 1]);
const dash = fc.constantFrom('-', '–', '—', ' - ', ' to ');
const row = fc
  .record({
    region: fc.constantFrom('Seattle', 'Austin', 'London', 'Zurich', 'Remote'),
    form: money,
    dash,
    base: fc.tuple(fc.integer({ min: 60, max: 400 }), fc.integer({ min: 0, max: 80 })),
    equity: fc.option(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 200 })), { nil: null }),
    bonus: fc.option(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 10 })), { nil: null }),
    total: fc.tuple(fc.integer({ min: 60, max: 900 }), fc.integer({ min: 0, max: 300 })),
    inverted: fc.boolean(),
  })
  .map(({ region, form: [prefix, suffix, scale], dash: d, base, equity, bonus, total, inverted }) => {
    const amount = (k: number) => (scale === 1 ? `${prefix}${(k * 1000).toLocaleString('en-US')}` : `${prefix}${k}${suffix}`);
    const range = ([low, width]: [number, number], flip = false) => (flip ? `${amount(low + width)}${d}${amount(low)}` : `${amount(low)}${d}${amount(low + width)}`);
    return `| ${region} | ${range(base, inverted)} | ${equity ? range(equity) : '—'} | ${bonus ? `${bonus[0]}%${d.trim() === 'to' ? ' to ' : '-'}${bonus[0] + bonus[1]}%` : '—'} | ${range(total)} |`;
  });
const guide = fc
  .record({ rows: fc.uniqueArray(row, { minLength: 1, maxLength: 5, selector: (r) => r.split('|')[1] }), targetTc: fc.integer({ min: 100, max: 600 }) })
  .map(({ rows, targetTc }) =>
    ok
      .replace(/\| Seattle[^\n]*\n\| Austin[^\n]*\n\| London[^\n]*\n/, `${rows.join('\n')}\n`)
      .replace('putting my TC at $265K', `putting my TC at $${targetTc}K`),
  );

describe('properties over generated guides', () => {
  it('--fix twice changes nothing the second time, and the fixed guide has nothing left to fix', () => {
    fc.assert(
      fc.property(guide, (text) => {
        const once = fixSource(text, { date });
        const twice = fixSource(once.output, { date });
        expect(twice.output).toBe(once.output);
        expect(twice.fixCount).toBe(0);
        // Clean of the fixed rules: every finding of theirs is gone; what stays has no fix to offer.
        const left = once.file.messages;
        expect(left.filter((m) => 'fix' in m)).toEqual([]);
        expect(left.filter((m) => m.ruleId === 'range-inverted' || m.ruleId === 'strategy-tc-mismatch')).toEqual([]);
        expect(left.filter((m) => m.ruleId === 'tc-mismatch')).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('fixes change only the digits (or swapped amounts) of cells and the stated TC', () => {
    fc.assert(
      fc.property(guide, (text) => {
        const out = fixSource(text, { date }).output;
        const strip = (s: string) => s.replace(/\d+(?:,\d{3})*(?:\.\d+)?/g, '#').replace(/\|[^|\n]*\|[^|\n]*\|/g, (m) => m.replace(/[$£€KCHF ]/g, ''));
        expect(out.split('\n').length).toBe(text.split('\n').length);
        expect(strip(out)).toBe(strip(text));
      }),
      { numRuns: 50 },
    );
  });
});

describe('offerbrief lint --fix', () => {
  const broken = read('rules/tc-mismatch/not-ok.md').replace('putting my TC at $265K', 'putting my TC at $275K');

  it('writes the fixed guide, keeps its mode, byte order mark and CRLF line ends, and reports what is left', async () => {
    const crlf = `\uFEFF${broken.replace(/\n/g, '\r\n')}`;
    const dir = project({ 'guides/a.md': crlf, 'guides/b.md': ok });
    chmodSync(join(dir, 'guides/a.md'), 0o640);
    const { code, stdout, stderr } = await runCli(['lint', '--fix', '--date', date, '--rule', 'vesting-missing=off'], { cwd: dir });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '✔ No problems in 2 files\n', stderr: '' });
    const written = readFileSync(join(dir, 'guides/a.md'), 'utf8');
    expect(written).toBe(`\uFEFF${ok.replace(/\n/g, '\r\n')}`);
    expect(statSync(join(dir, 'guides/a.md')).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(dir, 'guides/b.md'), 'utf8')).toBe(ok);
  });

  it('never rewrites a file that is not UTF-8, even with encoding-invalid off', async () => {
    const bytes = Buffer.concat([Buffer.from(broken), Buffer.from([0xff, 0x0a])]);
    const dir = project({ 'guides/a.md': bytes });
    const { code, stdout } = await runCli(['lint', '--fix', '--date', date, '--rule', 'encoding-invalid=off'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain('tc-mismatch');
    expect(readFileSync(join(dir, 'guides/a.md')).equals(bytes)).toBe(true);
  });

  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    const dir = project({ 'guides/a.md': broken, 'guides/b.md': ok });
    const { code, stdout, stderr } = await runCli(['lint', '--fix-dry-run', '--date', date], { cwd: dir });
    expect(stdout).toBe(read('fix/dry-run.diff'));
    expect(stderr).toBe('offerbrief lint: --fix would change 1 file; 0 errors and 0 warnings would remain (run without --fix-dry-run to see them)\n');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'guides/a.md'), 'utf8')).toBe(broken);
  });

  it('exits 1 when errors without a fix remain', async () => {
    const dir = project({ 'guides/a.md': broken.replace('| $205K-$285K |', '| $300K |') });
    const { code, stdout } = await runCli(['lint', '--fix', '--date', date], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain('tc-mismatch');
    expect(stdout).not.toContain('strategy-tc-mismatch');
    expect(readFileSync(join(dir, 'guides/a.md'), 'utf8')).toContain('putting my TC at $265K');
  });

  it('puts fixes and the fixed output into JSON as ESLint does', async () => {
    const dir = project({ 'guides/a.md': broken });
    const plain = JSON.parse((await runCli(['lint', '--format', 'json', '--date', date], { cwd: dir })).stdout);
    expect(plain[0].messages.map((m: { ruleId: string; fix?: unknown }) => [m.ruleId, m.fix])).toEqual([
      ['tc-mismatch', { range: [412, 415], text: '265' }],
      ['strategy-tc-mismatch', { range: [1330, 1333], text: '265' }],
    ]);
    expect([plain[0].fixableErrorCount, plain[0].fixableWarningCount]).toEqual([2, 0]);
    const fixed = JSON.parse((await runCli(['lint', '--fix', '--format', 'json', '--date', date], { cwd: dir })).stdout);
    expect(fixed[0].messages).toEqual([]);
    expect(fixed[0].output).toBe(ok);
  });

  it('refuses --fix with --fix-dry-run, and --fix-dry-run with a report format', async () => {
    const dir = project({ 'guides/a.md': ok });
    expect(await runCli(['lint', '--fix', '--fix-dry-run'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'offerbrief lint: --fix and --fix-dry-run: give one of them (--fix writes the files, --fix-dry-run prints the diff)\n',
    });
    expect((await runCli(['lint', '--fix-dry-run', '--format', 'json'], { cwd: dir })).stderr).toBe(
      'offerbrief lint: --fix-dry-run prints a unified diff, not a report: drop --format json, or use --fix\n',
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { lintGuideSource, validateGuide } from '../../src/validate/index.js';
import { parseGuide } from '../../src/parse/index.js';

const ok = readFileSync(new URL('../fixtures/lint/ok.md', import.meta.url), 'utf8');

function guideWithTable(rows: string, header = '| Region | Base Salary | Equity (Pre-IPO/4yr) | Bonus | Total Comp |') {
  const separator = `|${header.split('|').slice(1, -1).map(() => '---').join('|')}|`;
  return ok.replace(/\| Region[\s\S]*?\n\n/, `${header}\n${separator}\n${rows}\n\n`);
}

function reasons(source: string, options: Parameters<typeof lintGuideSource>[1] = {}) {
  return lintGuideSource(source, { path: 'g.md', ...options }).file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal ? 'error' : 'warning'} ${m.reason}`);
}

describe('tc-mismatch', () => {
  it('writes the message of the issue, with the sum', () => {
    const source = guideWithTable('| New York | $194K-$247K | $195K-$342K | — | $243K-$352K |');
    expect(reasons(source, { rules: { 'strategy-outside-band': 'off' } })).toEqual([
      '7:46 tc-mismatch error Unexpected total comp high $352K, expected $332K ($247K + $342K/4yr)',
    ]);
  });

  it('accepts the guides\' own rounding (320.5K written $321K) within the default tolerance', () => {
    const source = guideWithTable('| San Francisco | $188K-$235K | $195K-$342K | — | $237K-$321K |');
    expect(reasons(source, { rules: { 'strategy-outside-band': 'off' } })).toEqual([]);
  });

  it('applies a percentage bonus to the same end of the base', () => {
    const good = guideWithTable('| Seattle | $200K-$300K | $100K-$200K | 10%-20% | $245K-$410K |', '| Region | Base Salary | Equity (RSU/4yr) | Bonus | Total Comp |');
    expect(reasons(good, { rules: { 'strategy-outside-band': 'off' } })).toEqual([]);
    const bad = guideWithTable('| Seattle | $200K-$300K | $100K-$200K | 10%-20% | $245K-$380K |', '| Region | Base Salary | Equity (RSU/4yr) | Bonus | Total Comp |');
    expect(reasons(bad, { rules: { 'strategy-outside-band': 'off' } })).toEqual([
      '7:51 tc-mismatch error Unexpected total comp high $380K, expected $410K ($300K + $200K/4yr + 20% × $300K)',
    ]);
  });

  it('uses the vesting period of the header, and 4 years when it has none', () => {
    const three = guideWithTable('| Seattle | $180K-$220K | $150K-$240K | — | $230K-$300K |', '| Region | Base Salary | Equity (RSU/3yr) | Bonus | Total Comp |');
    expect(reasons(three)).toEqual([]);
    const none = guideWithTable('| Seattle | $180K-$220K | $160K-$240K | — | $220K-$280K |', '| Region | Base Salary | Equity | Bonus | Total Comp |');
    expect(reasons(none)).toEqual([
      '5:26 vesting-missing warning Unexpected equity header "Equity" without a vesting period, expected one like "Equity (RSU/4yr)"; 4 years is assumed',
    ]);
  });

  it('honours the tolerance: max(absolute, relative × expected)', () => {
    const source = guideWithTable('| Seattle | $180K-$220K | $160K-$240K | — | $222K-$280K |', '| Region | Base Salary | Equity (RSU/4yr) | Bonus | Total Comp |');
    // low: expected 220K, stated 222K (2K off); high exact.
    expect(reasons(source)).toEqual([
      '7:45 tc-mismatch error Unexpected total comp low $222K, expected $220K ($180K + $160K/4yr)',
    ]);
    expect(reasons(source, { tolerance: { absolute: 2000, relative: 0 } })).toEqual([]);
    expect(reasons(source, { tolerance: { absolute: 0, relative: 0.01 } })).toEqual([]);
    expect(reasons(source, { tolerance: { absolute: 0, relative: 0.005 } })).toHaveLength(1);
  });

  it('checks a table without equity or bonus columns', () => {
    const source = guideWithTable('| Berlin | €90K-€110K | €95K-€110K |', '| Region | Base Salary | Total Comp |');
    expect(reasons(source, { rules: { 'strategy-outside-band': 'off' } })).toEqual([
      '7:25 tc-mismatch error Unexpected total comp low €95K, expected €90K (€90K)',
    ]);
  });

  it('reports a single amount once, without low/high', () => {
    const source = guideWithTable('| Remote | $200K | — | — | $210K |', '| Region | Base Salary | Equity (RSU/4yr) | Bonus | Total Comp |');
    expect(reasons(source, { rules: { 'strategy-outside-band': 'off' } })).toEqual(['7:28 tc-mismatch error Unexpected total comp $210K, expected $200K ($200K)']);
  });

  it('skips rows with an invalid, inverted or mixed-currency cell (other rules report them)', () => {
    const invalid = guideWithTable('| Seattle | $180K-$220K | lots | — | $999K |', '| Region | Base Salary | Equity (RSU/4yr) | Bonus | Total Comp |');
    expect(reasons(invalid).map((r) => r.split(' ')[1])).toEqual(['money-invalid']);
    const inverted = guideWithTable('| Seattle | $220K-$180K | $160K-$240K | — | $999K |', '| Region | Base Salary | Equity (RSU/4yr) | Bonus | Total Comp |');
    expect(reasons(inverted).map((r) => r.split(' ')[1])).toEqual(['range-inverted']);
    const mixed = guideWithTable('| Seattle | $180K-$220K | £160K-£240K | — | $999K |', '| Region | Base Salary | Equity (RSU/4yr) | Bonus | Total Comp |');
    expect(reasons(mixed).map((r) => r.split(' ')[1])).toEqual(['currency-mixed']);
  });
});

describe('severities', () => {
  const bad = ok.replace('putting my TC at $265K', 'putting my TC at $275K').replace('Equity (RSU/4yr)', 'Equity (RSU)');

  it('keeps each rule\'s default', () => {
    expect(reasons(bad).map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual([
      '5:26 vesting-missing warning',
      '20:196 strategy-tc-mismatch error',
    ]);
  });

  it('turns rules off, down to warnings and up to errors', () => {
    const rules = { 'vesting-missing': 'error', 'strategy-tc-mismatch': 'warn' } as const;
    expect(reasons(bad, { rules }).map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual([
      '5:26 vesting-missing error',
      '20:196 strategy-tc-mismatch warning',
    ]);
    expect(reasons(bad, { rules: { 'vesting-missing': 'off', 'strategy-tc-mismatch': 'off' } })).toEqual([]);
  });

  it("applies to the parser's own checks by rule id", () => {
    const shortRow = ok.replace('| Austin | $165K-$205K | $160K-$240K | — | $205K-$265K |', '| Austin | $165K-$205K |');
    const ids = (rules = {}) => lintGuideSource(shortRow, { path: 'g.md', rules }).file.messages.map((m) => `${m.ruleId}:${m.fatal}`);
    expect(ids()).toContain('table-row-shape:true');
    expect(ids({ 'table-row-shape': 'warn' })).toContain('table-row-shape:false');
    expect(ids({ 'table-row-shape': 'off' })).not.toContain('table-row-shape:true');
  });

  it('sorts messages by line, column, then rule id', () => {
    const { guide, file } = parseGuide(bad, { path: 'g.md' });
    file.message('late', { place: { line: 1, column: 5 }, ruleId: 'zz' }).fatal = false;
    file.message('early', { place: { line: 1, column: 5 }, ruleId: 'aa' }).fatal = false;
    validateGuide(guide, file);
    expect(file.messages.map((m) => `${m.line}:${m.column}:${m.ruleId}`)).toEqual(['1:5:aa', '1:5:zz', '5:26:vesting-missing', '20:196:strategy-tc-mismatch']);
  });

  it('reports a failing rule as an internal error instead of throwing', () => {
    const { guide } = parseGuide(ok);
    const broken = { ...guide, bands: [null] } as unknown as typeof guide;
    const file = new VFile({ path: 'g.md' });
    expect(() => validateGuide(broken, file)).not.toThrow();
    expect(file.messages.some((m) => m.ruleId === 'internal-error' && m.fatal === true)).toBe(true);
  });
});

describe('messages on a broken file', () => {
  it('says only that an empty file is empty', () => {
    expect(reasons('  \n').map((r) => r.split(' ')[1])).toEqual(['file-empty']);
  });
});

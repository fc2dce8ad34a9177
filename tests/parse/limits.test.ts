// Issue #12 cases 4 and 10: pathological Markdown is a diagnostic (rule id, line), not a hang;
// amounts past 2^53 are money-invalid.
import { describe, expect, it } from 'vitest';
import { parseCell, parseGuide } from '../../src/parse/index.js';
import { guardStructure } from '../../src/parse/limits.js';
import { validateGuide } from '../../src/validate/index.js';

const errors = (text: string, options = {}) => {
  const { guide, file } = parseGuide(text, options);
  validateGuide(guide, file);
  return file.messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.ruleId}`);
};

const guide = [
  '### Backend Engineer | Northwind Robotics Negotiation Guide',
  '',
  '| Region | Base Salary | Total Comp |',
  '|---|---|---|',
  '| Austin | $145K-$185K | $145K-$185K |',
  '',
].join('\n');

describe('structure limits', () => {
  it("'- ' × 10,000 (22 KB) is nesting-too-deep at the 33rd marker, in well under a second", () => {
    const started = performance.now();
    expect(errors(`${guide}\n${'- '.repeat(10_000)}x\n`)).toEqual(['7:65 nesting-too-deep']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("'> - ' × 5,000 is nesting-too-deep; the guide around it is still read", () => {
    const { guide: model, file } = parseGuide(`${guide}\n${'> - '.repeat(5000)}x\n\n**Level Mapping:** L4 = E4\n`);
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toContainEqual([7, 65, 'nesting-too-deep']);
    expect(model.bands.map((b) => b.region)).toEqual(['Austin']);
    expect(model.levelMapping?.level).toBe('L4');
  });

  it('lists nested by indentation count two columns a level', () => {
    const text = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    expect(guardStructure(text).problems.map((p) => p.ruleId)).toEqual(['nesting-too-deep']);
    expect(guardStructure(Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')).problems).toEqual([]);
  });

  it('does not count inside fenced code', () => {
    expect(guardStructure('```\n' + '- '.repeat(100) + '\n```\n').problems).toEqual([]);
  });

  it('a 5,000-row table (the 100,000 of the issue, shorter) is table-too-long at row 1,001 and its first 1,000 rows are read', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `| R${i} | $100K | $100K |`).join('\n');
    const text = `### Backend Engineer | Northwind Robotics Negotiation Guide\n\n| Region | Base Salary | Total Comp |\n|---|---|---|\n${rows}\n`;
    const started = performance.now();
    const { guide: model, file } = parseGuide(text, { budgetMs: Infinity });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(file.messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['1005:1 table-too-long']);
    expect(model.bands).toHaveLength(1000);
    expect(model.bands.at(-1)!.region).toBe('R999');
  });

  it('keeps line numbers and columns of what follows the emptied lines', () => {
    const text = `### Backend Engineer | Northwind Robotics Negotiation Guide\n\n${'- '.repeat(50)}x\n\n| Region | Base Salary | Total Comp |\n|---|---|---|\n| Austin | $2K-$1K | $2K-$1K |\n`;
    const { guide: model, file } = parseGuide(text);
    validateGuide(model, file);
    expect(model.table?.position).toMatchObject({ line: 5, column: 1 });
    expect(file.messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      '3:65 nesting-too-deep',
      '7:12 range-inverted',
      '7:22 range-inverted',
    ]);
  });
});

describe('parse time budget', () => {
  it('stops a parse past its budget with parse-timeout at the line reached', () => {
    const text = `${guide}\n${'- item\n'.repeat(20_000)}`;
    const started = performance.now();
    const { guide: model, file } = parseGuide(text, { budgetMs: 50 });
    const elapsed = performance.now() - started;
    const timeout = file.messages.find((m) => m.ruleId === 'parse-timeout')!;
    expect(timeout.fatal).toBe(true);
    expect(timeout.reason).toMatch(/^Unexpected parse taking over 50 ms \(stopped at line \d+\), expected a guide that reads in time; split or simplify it$/);
    expect(timeout.line).toBeGreaterThan(1);
    expect(model.bands).toEqual([]);
    expect(elapsed).toBeLessThan(2000);
  });

  it('a guide of normal size parses well within the default budget', () => {
    expect(errors(guide)).toEqual([]);
  });
});

describe('amounts past Number.MAX_SAFE_INTEGER', () => {
  it('are invalid cells, so money-invalid', () => {
    expect(parseCell('$99999999999999999999K').kind).toBe('invalid');
    expect(parseCell('$9007199254740992').kind).toBe('invalid');
    expect(parseCell('$188K-$99999999999999999K').kind).toBe('invalid');
    expect(parseCell('$9007199254740991')).toMatchObject({ kind: 'amount', value: { low: 9007199254740991 } });
    const text = guide.replace('| Austin | $145K-$185K |', '| Austin | $99999999999999999999K |');
    expect(errors(text)).toContain('5:12 money-invalid');
  });
});

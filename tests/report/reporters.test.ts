import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { formatJson, formatSarif, formatText, type LintResult } from '../../src/report/index.js';

const result = (path: string, messages: LintResult['messages']): LintResult => ({
  filePath: `/work/${path}`,
  path,
  messages,
  errorCount: messages.filter((m) => m.severity === 2).length,
  warningCount: messages.filter((m) => m.severity === 1).length,
  fatalErrorCount: messages.filter((m) => m.fatal).length,
});

describe('github reporter', () => {
  it('escapes %, CR and LF in messages', () => {
    expect(escapeData('50% off\r\nnext')).toBe('50%25 off%0D%0Anext');
  });

  it('also escapes : and , in properties', () => {
    expect(escapeProperty('a,b:c%d\ne')).toBe('a%2Cb%3Ac%25d%0Ae');
  });

  it('writes one workflow command per finding', () => {
    const out = formatGithub([
      result('guides/a, b:c.md', [
        { ruleId: 'tc-mismatch', severity: 2, message: 'Unexpected 10%,\nok', line: 3, column: 4, endLine: 3, endColumn: 9 },
        { ruleId: 'vesting-missing', severity: 1, message: 'Warn: x', line: 5, column: 1, endLine: 5, endColumn: 2 },
      ]),
    ]);
    expect(out).toBe(
      '::error file=guides/a%2C b%3Ac.md,line=3,col=4,endLine=3,endColumn=9,title=tc-mismatch::Unexpected 10%25,%0Aok\n' +
        '::warning file=guides/a%2C b%3Ac.md,line=5,col=1,endLine=5,endColumn=2,title=vesting-missing::Warn: x\n',
    );
  });

  it('prints nothing when there is nothing to say', () => {
    expect(formatGithub([result('a.md', [])])).toBe('');
  });
});

describe('text reporter', () => {
  it('says so when there are no problems', () => {
    expect(formatText([result('a.md', []), result('b.md', [])])).toBe('✔ No problems in 2 files\n');
  });

  it('aligns columns within a file and counts at the end', () => {
    expect(
      formatText([
        result('a.md', [
          { ruleId: 'r1', severity: 2, message: 'short', line: 3, column: 4, endLine: 3, endColumn: 5 },
          { ruleId: 'r2', severity: 1, message: 'a longer one', line: 12, column: 10, endLine: 12, endColumn: 11 },
        ]),
      ]),
    ).toBe(['a.md', '    3:4  error    short         r1', '  12:10  warning  a longer one  r2', '', '✖ 2 problems (1 error, 1 warning) in 1 of 1 file', ''].join('\n'));
  });
});

describe('json and sarif', () => {
  const unreadable = result('gone.md', [
    { ruleId: 'file-unreadable', severity: 2, message: 'gone.md: permission denied', line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true },
  ]);

  it('json marks unreadable files fatal, like ESLint', () => {
    const [entry] = JSON.parse(formatJson([unreadable]));
    expect(entry.messages[0]).toEqual({ ruleId: 'file-unreadable', severity: 2, message: 'gone.md: permission denied', line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true });
    expect(entry.fatalErrorCount).toBe(1);
  });

  it('sarif adds metadata for checks outside the registry', () => {
    const sarif = JSON.parse(formatSarif([unreadable]));
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; helpUri: string }>;
    const index = sarif.runs[0].results[0].ruleIndex;
    expect(rules[index]!.id).toBe('file-unreadable');
    expect(rules[index]!.helpUri).toBe('https://github.com/offerbrief/offerbrief/blob/main/docs/rules.md#file-unreadable');
  });

  it('sarif percent-encodes artifact URIs', () => {
    const sarif = JSON.parse(formatSarif([result('guides/my guide#1.md', [{ ruleId: 'tc-mismatch', severity: 2, message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2 }])]));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('guides/my%20guide%231.md');
  });
});

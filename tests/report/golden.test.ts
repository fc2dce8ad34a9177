import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { reporters } from '../../src/report/index.js';

const project = fileURLToPath(new URL('../fixtures/lint/project/', import.meta.url)).replace(/\/$/, '');
const goldenDir = new URL('../fixtures/lint/golden/', import.meta.url);

/** Absolute paths (JSON's filePath) become `<cwd>` so the golden files hold on any machine. */
function normalise(text: string): string {
  return text.split(project).join('<cwd>');
}

function golden(name: string, actual: string) {
  const url = new URL(name, goldenDir);
  if (process.env.UPDATE_GOLDEN || !existsSync(url)) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(url, actual);
  }
  expect(actual).toBe(readFileSync(url, 'utf8'));
}

describe('golden output for each format', async () => {
  const run = await lint({ cwd: project, paths: ['guides'], date: '2026-12-01' });

  it('lints the project fixture as expected', () => {
    expect(run.results.map((r) => r.path)).toEqual(['guides/northwind-data.md', 'guides/northwind-platform.md', 'guides/team/northwind-sre.md']);
    expect([run.errorCount, run.warningCount, run.unreadableCount]).toEqual([3, 3, 0]);
  });

  for (const [format, ext] of [['text', 'txt'], ['json', 'json'], ['sarif', 'sarif'], ['github', 'txt']] as const) {
    it(format, () => {
      golden(`${format}.${ext}`, normalise(reporters[format]!(run.results, { color: false, version: '0.0.0-test' })));
    });
  }

  it('json is ESLint-shaped with absolute file paths', () => {
    const parsed = JSON.parse(reporters.json!(run.results)) as Array<Record<string, unknown>>;
    expect(parsed[2]!.filePath).toBe(`${project}/guides/team/northwind-sre.md`);
    expect(Object.keys(parsed[2]!).sort()).toEqual(
      ['errorCount', 'fatalErrorCount', 'filePath', 'fixableErrorCount', 'fixableWarningCount', 'messages', 'suppressedMessages', 'usedDeprecatedRules', 'warningCount'],
    );
    expect(parsed[2]!.messages).toContainEqual({
      ruleId: 'tc-mismatch', severity: 2, message: 'Unexpected total comp high $285K, expected $265K ($205K + $240K/4yr)', line: 8, column: 44, endLine: 8, endColumn: 55,
      fix: { range: [420, 423], text: '265' },
    });
    expect([parsed[2]!.fixableErrorCount, parsed[2]!.fixableWarningCount]).toEqual([2, 0]);
  });

  it('sarif lists every rule with its helpUri and points results at them', () => {
    const sarif = JSON.parse(reporters.sarif!(run.results, { version: '1.2.3' }));
    expect(sarif.version).toBe('2.1.0');
    const driver = sarif.runs[0].tool.driver;
    expect(driver.version).toBe('1.2.3');
    const tc = driver.rules.find((r: { id: string }) => r.id === 'tc-mismatch');
    expect(tc.helpUri).toBe('https://github.com/offerbrief/offerbrief/blob/main/docs/rules.md#tc-mismatch');
    expect(tc.defaultConfiguration.level).toBe('error');
    for (const result of sarif.runs[0].results) expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'guides/northwind-data.md', uriBaseId: '%SRCROOT%' });
  });

  it('text is coloured only when asked', () => {
    const plain = reporters.text!(run.results, { color: false });
    const coloured = reporters.text!(run.results, { color: true });
    expect(plain).not.toMatch(/\u001b\[/);
    expect(coloured).toMatch(/\u001b\[31m/);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});

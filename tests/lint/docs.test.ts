import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run.js';

const doc = readFileSync(new URL('../../docs/cli-lint.md', import.meta.url), 'utf8');
const project = fileURLToPath(new URL('../fixtures/lint/project/', import.meta.url));

/** The output shown under `$ <command>` in a fenced block of the doc. */
function shown(command: string): string {
  const start = doc.indexOf(`\`\`\`\n$ ${command}\n`);
  expect(start, `docs/cli-lint.md shows "$ ${command}"`).not.toBe(-1);
  const body = doc.slice(start + `\`\`\`\n$ ${command}\n`.length);
  return body.slice(0, body.indexOf('```\n'));
}

describe('docs/cli-lint.md', () => {
  it('shows the --fix-dry-run diff the project fixture gets, and nothing is written', async () => {
    const before = readFileSync(`${project}guides/team/northwind-sre.md`, 'utf8');
    const { code, stdout } = await runCli(['lint', 'guides', '--fix-dry-run'], { cwd: project, env: { SOURCE_DATE_EPOCH: '1780000000' } });
    expect(stdout).toBe(shown('offerbrief lint guides --fix-dry-run'));
    expect(code).toBe(1);
    expect(readFileSync(`${project}guides/team/northwind-sre.md`, 'utf8')).toBe(before);
  });
});

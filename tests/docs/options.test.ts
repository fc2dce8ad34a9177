// Each command's options, four ways: what its parser accepts, what `--help` lists, the
// options table of docs/cli-<command>.md and the README's synopsis. They must agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli/run.js';

const root = new URL('../../', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const commands = ['inspect', 'lint', 'schema', 'plan', 'render', 'batch', 'manifest'] as const;
const pages: Partial<Record<(typeof commands)[number], string>> = {
  lint: 'docs/cli-lint.md',
  plan: 'docs/cli-plan.md',
  render: 'docs/cli-render.md',
  batch: 'docs/cli-batch.md',
  manifest: 'docs/cli-manifest.md',
};

const longs = (text: string) => [...new Set([...text.matchAll(/--([a-z][\w-]*)/g)].map((m) => m[1]!))].filter((name) => name !== 'help').sort();

/** The parser accepts the option (a flag, or one taking a value) when, followed by --help, the command prints its help. */
async function accepts(command: string, option: string): Promise<boolean> {
  const before = command === 'manifest' ? ['merge', 'out'] : [];
  for (const args of [[option], [option, 'value']]) {
    if ((await runCli([command, ...before, ...args, '--help'], { cwd: root })).code === 0) return true;
  }
  return false;
}

describe.each(commands)('offerbrief %s', (command) => {
  test('--help lists every option the parser accepts, with its short form', async () => {
    const { stdout: help, code } = await runCli([command, '--help'], { cwd: root });
    expect(code).toBe(0);
    const listed = [...help.matchAll(/^\s+(?:-([a-zA-Z]), )?--([a-z][\w-]*)/gm)].map((m) => ({ short: m[1], long: m[2]! }));
    for (const { long, short } of listed) {
      expect(await accepts(command, `--${long}`), `--${long}`).toBe(true);
      if (short) expect(await accepts(command, `-${short}`), `-${short}`).toBe(true);
    }
    const shorts = [];
    for (const letter of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') if (await accepts(command, `-${letter}`)) shorts.push(letter);
    expect(shorts.sort()).toEqual(listed.flatMap((o) => (o.short ? [o.short] : [])).sort());
    expect(await accepts(command, '--no-such-option')).toBe(false);
  });

  test('the docs page and the README synopsis name the options --help lists', async () => {
    const { stdout: help } = await runCli([command, '--help'], { cwd: root });
    const helped = longs(help.slice(help.indexOf('Options:')));
    const synopsis = new RegExp(`^### offerbrief ${command}\\b[^\\n]*\\n+\`\`\`\\n([\\s\\S]*?)\`\`\``, 'm').exec(readme);
    expect(synopsis, 'README synopsis').not.toBeNull();
    expect(longs(synopsis![1]!), 'README synopsis').toEqual(command === 'schema' ? [] : helped);
    const page = pages[command];
    if (page) {
      const rows = readFileSync(join(root, page), 'utf8')
        .split('\n')
        .filter((line) => /^\| `-/.test(line))
        .map((line) => line.split('|')[1]!)
        .join(' ');
      expect(longs(rows), page).toEqual(helped);
    }
  });
});

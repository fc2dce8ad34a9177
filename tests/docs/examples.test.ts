// Documentation that runs. In README.md and docs/*.md, a fenced block whose info
// string is `console test` is run, and its shown output must match:
//
//   ```console test
//   $ offerbrief lint guides          <- a command ("$ "; a line ending in \ continues it,
//   ✔ No problems in 5 files             and a here-document's lines belong to it)
//   $ echo $?                         <- the lines up to the next "$ " are its output
//   0                                    (stdout and stderr together, as a terminal shows them)
//   ```
//
// In shown output, `…` matches any text within a line, and a line holding only `…`
// matches any number of lines (timings, long lists). A block whose info string is
// `sh test` is run as a script that must exit 0; its output is not compared.
// Every block runs with bash in its own temporary copy of the repository (so it may
// write files and `cd`), with `offerbrief` on PATH running this checkout's bin/, no
// colour and no SOURCE_DATE_EPOCH. Blocks without `test` (synopses, YAML, JSON) are
// not run.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Code, Nodes } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, describe, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];

interface Block {
  file: string;
  line: number;
  kind: 'console' | 'sh';
  value: string;
}

function blocksOf(file: string): Block[] {
  const tree = unified().use(remarkParse).parse(readFileSync(join(root, file), 'utf8'));
  const blocks: Block[] = [];
  const codes: Code[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'code') codes.push(node);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  for (const node of codes) {
    if (!/(^|\s)test(\s|$)/.test(node.meta ?? '')) continue;
    if (node.lang !== 'console' && node.lang !== 'sh') throw new Error(`${file}:${node.position!.start.line}: a test block must be console or sh, not ${node.lang}`);
    blocks.push({ file, line: node.position!.start.line, kind: node.lang, value: node.value });
  }
  return blocks;
}

interface Step {
  command: string;
  expected: string[];
}

/** `$ ` commands (with continuation lines and here-documents) and the output lines shown after each. */
export function stepsOf(value: string): Step[] {
  const lines = value.split('\n');
  const steps: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('$ ')) {
      if (steps.length === 0) throw new Error(`output before the first command: ${JSON.stringify(line)}`);
      steps.at(-1)!.expected.push(line);
      continue;
    }
    let command = line.slice(2);
    while (command.endsWith('\\') && i + 1 < lines.length) command += `\n${lines[++i]}`;
    const heredoc = /<<-?\s*(['"]?)(\w+)\1/.exec(command);
    if (heredoc) {
      while (i + 1 < lines.length) {
        const next = lines[++i]!;
        command += `\n${next}`;
        if (next.trim() === heredoc[2]) break;
      }
    }
    steps.push({ command, expected: [] });
  }
  return steps;
}

/** Shown output as a pattern: `…` is any text in a line, a line of just `…` any lines. */
function pattern(expected: string[]): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = expected.map((line) => (line.trim() === '…' ? '(?:[^\\n]*\\n)*?' : `${escape(line.trimEnd()).replaceAll('…', '[^\\n]*?')}\\n`)).join('');
  return new RegExp(`^${body}$`);
}

function tidy(output: string): string {
  const text = output
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
  return text === '' ? '' : `${text}\n`;
}

const work = mkdtempSync(join(tmpdir(), 'offerbrief-docs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

// `offerbrief` on PATH: this checkout's CLI, as `npm install -g` or npx would give it.
const shims = join(work, 'bin');
mkdirSync(shims);
writeFileSync(join(shims, 'offerbrief'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin/offerbrief.js')}" "$@"\n`);
chmodSync(join(shims, 'offerbrief'), 0o755);

let copies = 0;
/** A copy of the repository without its heavy or generated folders (linked instead, read-only use). */
function copyOfRepo(): string {
  const dir = join(work, `repo-${++copies}`);
  const skip = new Set(['node_modules', 'dist', '.git', 'out', 'coverage', '.vitest-cache']);
  cpSync(root, dir, { recursive: true, filter: (source) => !skip.has(source.slice(root.length).split('/')[0]!) || source.slice(root.length) === '' });
  mkdirSync(join(dir, 'out'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function env(): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|SOURCE_DATE_EPOCH$|OFFERBRIEF_|JOB_COMPLETION_INDEX$|FORCE_COLOR$|NODE_ENV$)/.test(key)) clean[key] = value;
  }
  return { ...clean, PATH: `${shims}:${process.env.PATH ?? ''}`, NO_COLOR: '1', TERM: 'dumb' };
}

const blocks = files.flatMap(blocksOf);

describe.skipIf(!existsSync(join(root, 'dist/bundle/offerbrief.cjs')))('documented examples', () => {
  test('there are runnable examples in the README and in every command page', () => {
    const withBlocks = new Set(blocks.map((block) => block.file));
    for (const file of ['README.md', ...files.filter((file) => file.startsWith('docs/cli-'))]) expect([...withBlocks]).toContain(file);
  });

  // A block may render dozens of briefs; the 2-core CI machine is shared.
  test.each(blocks.map((block) => [`${block.file}:${block.line}`, block] as const))('%s', { timeout: 180_000 }, (_name, block) => {
    const cwd = copyOfRepo();
    if (block.kind === 'sh') {
      const run = spawnSync('bash', ['-c', `set -e\n${block.value}`], { cwd, env: env(), encoding: 'utf8', timeout: 120_000 });
      expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
      return;
    }
    const steps = stepsOf(block.value);
    const script = ['exec 2>&1', '__status=0', ...steps.map((step, i) => `printf '\\036%d\\n' ${i}\n(exit $__status)\n${step.command}\n__status=$?`)].join('\n');
    const run = spawnSync('bash', ['-c', script], { cwd, env: env(), encoding: 'utf8', timeout: 120_000 });
    expect(run.error).toBeUndefined();
    const outputs = run.stdout.split(/\x1e\d+\n/).slice(1);
    expect(outputs.length).toBe(steps.length);
    steps.forEach((step, i) => {
      const actual = tidy(outputs[i]!);
      const shown = tidy(step.expected.join('\n'));
      // On a mismatch, compare the texts so the failure shows a diff.
      if (!pattern(shown === '' ? [] : shown.replace(/\n$/, '').split('\n')).test(actual)) expect(`$ ${step.command}\n${actual}`).toBe(`$ ${step.command}\n${shown}`);
    });
  });
});

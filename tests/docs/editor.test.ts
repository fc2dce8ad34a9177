import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The commands that docs/editor.md and the README's "In your editor" section show
// (```console blocks: `$ command` then its output) run here, and print what they show.
const root = new URL('../..', import.meta.url).pathname;
const run = promisify(execFile);

interface Example {
  command: string;
  output: string;
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  for (const block of markdown.matchAll(/^```console\n([^]*?)^```$/gm)) {
    let current: Example | undefined;
    for (const line of block[1]!.split('\n')) {
      if (line.startsWith('$ ')) found.push((current = { command: line.slice(2), output: '' }));
      else if (current) current.output += `${line}\n`;
    }
  }
  return found.map((e) => ({ ...e, output: e.output.replace(/\n+$/, '\n') }));
}

const editorDoc = await readFile(join(root, 'docs/editor.md'), 'utf8');
const readme = await readFile(join(root, 'README.md'), 'utf8');
const readmeSection = /^## In your editor\n([^]*?)^## /m.exec(readme)![1]!;

let bin: string;
beforeAll(async () => {
  // `offerbrief` on PATH is this checkout's CLI, as `npm i -D offerbrief` would give.
  bin = await mkdtemp(join(tmpdir(), 'offerbrief-docs-'));
  await writeFile(join(bin, 'offerbrief'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin/offerbrief.js')}" "$@"\n`);
  await chmod(join(bin, 'offerbrief'), 0o755);
});
afterAll(() => rm(bin, { recursive: true, force: true }));

async function shell(command: string): Promise<string> {
  const env = { ...process.env, PATH: `${bin}:${join(root, 'node_modules/.bin')}:${process.env.PATH}`, NO_COLOR: '1', FORCE_COLOR: '0' };
  try {
    const { stdout, stderr } = await run('bash', ['-c', `${command} 2>&1`], { cwd: root, env });
    return stdout + stderr;
  } catch (error) {
    return (error as { stdout: string }).stdout; // findings exit 1; the output is what counts
  }
}

describe.each([
  ['docs/editor.md', editorDoc],
  ['README.md#in-your-editor', readmeSection],
])('%s', (_name, text) => {
  const shown = examples(text);
  it('has examples', () => expect(shown.length).toBeGreaterThan(0));
  for (const example of shown) {
    it(`$ ${example.command}`, async () => {
      expect((await shell(example.command)).replace(/\n+$/, '\n')).toBe(example.output);
    }, 60_000);
  }
});

describe('the editor set-ups start the server the stdio test drives', () => {
  it('VS Code settings are JSON naming offerbrief lsp --stdio for Markdown', () => {
    const json = /^```json\n(\{\n  "glspc[^]*?)^```$/m.exec(editorDoc)![1]!;
    expect(JSON.parse(json)).toEqual({
      'glspc.server.command': 'npx',
      'glspc.server.commandArguments': ['offerbrief', 'lsp', '--stdio'],
      'glspc.server.languageId': ['markdown'],
    });
  });
  it('Neovim and Helix run npx offerbrief lsp --stdio', () => {
    expect(editorDoc).toContain("cmd = { 'npx', 'offerbrief', 'lsp', '--stdio' },");
    expect(editorDoc).toContain('command = "npx"\nargs = ["offerbrief", "lsp", "--stdio"]');
  });
  it('the .remarkrc names the exported plugin', async () => {
    const rc = JSON.parse(/^```json\n(\{ "plugins"[^]*?)^```$/m.exec(editorDoc)![1]!);
    expect(rc.plugins).toContain('offerbrief/remark');
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['./remark']).toEqual({ types: './dist/remark/index.d.ts', default: './dist/remark/index.js' });
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import { runCli } from './run.js';

const root = new URL('../..', import.meta.url).pathname;

describe('CLI conventions', () => {
  it('no arguments: the usage on stderr, exit 2; help and --help: on stdout, exit 0', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^Usage: offerbrief <command> \[options\]\n/);
    expect(none.stderr).toContain('  lsp       Run the language server for editors (lsp --stdio)\n');
    for (const argv of [['help'], ['--help'], ['-h']]) {
      const shown = await runCli(argv);
      expect(shown).toEqual({ code: 0, stdout: none.stderr, stderr: '' });
    }
  });

  it('offerbrief help <command> is that command\'s --help', async () => {
    for (const name of ['lint', 'render', 'schema', 'lsp', 'plan', 'batch', 'inspect']) {
      const help = await runCli(['help', name]);
      expect(help.code).toBe(0);
      expect(help).toEqual(await runCli([name, '--help']));
      expect(help.stdout).toMatch(new RegExp(`^Usage: offerbrief ${name}`));
    }
    expect((await runCli(['help', 'lnit'])).stderr).toBe(
      'offerbrief: unknown command "lnit", expected one of inspect, lint, schema, plan, render, draft, batch, manifest, serve, lsp; did you mean "lint"?\n',
    );
  });

  it('did you mean: a misspelt command, option, format or rule id', async () => {
    expect(await runCli(['rendr'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'offerbrief: unknown command "rendr", expected one of inspect, lint, schema, plan, render, draft, batch, manifest, serve, lsp; did you mean "render"?\n',
    });
    // Far from every command: no guess.
    expect((await runCli(['frobnicate'])).stderr).not.toContain('did you mean');
    expect((await runCli(['lint', '--formt', 'json'])).stderr).toBe("offerbrief lint: Unknown option '--formt'; did you mean --format?\nRun `offerbrief lint --help` for usage.\n");
    expect((await runCli(['lint', '--format', 'sarf'])).stderr).toBe('offerbrief lint: --format "sarf": unknown format, expected one of text, json, sarif, github; did you mean "sarif"?\n');
    expect((await runCli(['lint', '--rule', 'tc-mismach=off'])).stderr).toMatch(/^offerbrief lint: --rule tc-mismach=off: unknown rule "tc-mismach", expected one of table-missing, .*, parse-timeout; did you mean "tc-mismatch"\?\n$/);
    expect((await runCli(['render', '--candiate', 'x.yaml'])).stderr).toContain("Unknown option '--candiate'; did you mean --candidate?");
  });

  it('-c is --candidate wherever it exists; in lint it is unknown and points at --config', async () => {
    const lint = await runCli(['lint', '-c', 'offerbrief.config.json']);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toBe("offerbrief lint: Unknown option '-c'; did you mean --config?\nRun `offerbrief lint --help` for usage.\n");
    const plan = await runCli(['plan', '-c', 'candidates/dana-reyes.yaml'], { cwd: root });
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).candidate.name).toBe('Dana Reyes');
  });

  it('lint - reads the guide from stdin; --stdin-filename names it', async () => {
    const guide = await readFile(new URL('../fixtures/lint/rules/tc-mismatch/not-ok.md', import.meta.url));
    const withStdin = async (argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const ctx: CliContext = {
        cwd: root,
        env: {},
        stdout: { write: (s: string) => ((stdout += s), true) },
        stderr: { write: (s: string) => ((stderr += s), true) },
        readStdin: async () => guide,
      };
      return { code: await main(argv, ctx), stdout, stderr };
    };
    const plain = await withStdin(['lint', '-', '--format', 'github']);
    expect(plain).toEqual({
      code: 1,
      stdout: '::error file=<stdin>,line=8,col=44,endLine=8,endColumn=55,title=tc-mismatch::Unexpected total comp high $285K, expected $265K ($205K + $240K/4yr)\n',
      stderr: '',
    });
    const named = await withStdin(['lint', '-', '--stdin-filename', 'guides/new.md', '--format', 'github']);
    expect(named.stdout).toContain('::error file=guides/new.md,line=8,col=44');
    expect((await withStdin(['lint', '--stdin-filename', 'a.md'])).stderr).toBe(
      'offerbrief lint: --stdin-filename names the guide read from stdin, expected - among the paths, like `offerbrief lint - --stdin-filename guides/a.md`\n',
    );
  });
});

describe('inspect - and the config', () => {
  it('reads the guide from stdin and judges it by the config --stdin-filename finds', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'offerbrief-inspect-'));
    await mkdir(join(dir, '.git'));
    await mkdir(join(dir, 'eu'));
    await writeFile(join(dir, 'eu', 'offerbrief.config.yaml'), 'rules:\n  tc-mismatch: warn\n');
    const guide = await readFile(new URL('../fixtures/lint/rules/tc-mismatch/not-ok.md', import.meta.url));
    const run = async (argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const ctx: CliContext = { cwd: dir, env: {}, stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) }, readStdin: async () => guide };
      return { code: await main(argv, ctx), stdout, stderr };
    };
    const plain = await run(['inspect', '-']);
    expect(plain.code).toBe(1);
    expect(JSON.parse(plain.stdout).bands[1].region).toBe('Austin');
    expect(plain.stderr).toContain('<stdin>\n  8:44  error    Unexpected total comp high $285K');
    const named = await run(['inspect', '-', '--stdin-filename', 'eu/g.md']);
    expect(named.code).toBe(0);
    expect(named.stderr).toContain('eu/g.md\n  8:44  warning  Unexpected total comp high $285K');
    await rm(dir, { recursive: true, force: true });
  });
});

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import remarkOfferbrief from '../../src/remark/index.js';

const root = new URL('../..', import.meta.url).pathname;
const run = promisify(execFile);
const emptyRoot = { type: 'root', children: [] } as Root;

/** One finding as `path line:column-line:column severity rule-id`, the form both tools can be read in. */
type Finding = string;

async function lintFindings(paths: string[]): Promise<Finding[]> {
  const outcome = await lint({ cwd: root, paths });
  return outcome.results.flatMap((result) =>
    result.messages.map((m) => `${result.path} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId} ${m.message}`),
  );
}

async function processFile(path: string, options?: Parameters<typeof remarkOfferbrief>[0]) {
  const file = new VFile({ path: join(root, path), value: await readFile(join(root, path)), cwd: root });
  await unified().use(remarkParse).use(remarkGfm).use(remarkOfferbrief, options).run(unified().use(remarkParse).parse(file), file);
  return file;
}

describe('remarkOfferbrief', () => {
  it('adds each finding with rule id, source, url, place and fatal', async () => {
    const file = await processFile('tests/fixtures/lint/rules/tc-mismatch/not-ok.md');
    expect(file.messages).toHaveLength(1);
    const [message] = file.messages;
    expect(message).toMatchObject({
      ruleId: 'tc-mismatch',
      source: 'offerbrief',
      url: 'https://github.com/offerbrief/offerbrief/blob/main/docs/rules.md#tc-mismatch',
      fatal: true,
      line: 8,
      column: 44,
      reason: 'Unexpected total comp high $285K, expected $265K ($205K + $240K/4yr)',
    });
    expect(message!.place).toEqual({ start: { line: 8, column: 44 }, end: { line: 8, column: 55 } });
  });

  it('reads a value given as plain bytes, and reports bad UTF-8 where it is', async () => {
    const bytes = new Uint8Array(await readFile(join(root, 'tests/fixtures/lint/rules/tc-mismatch/not-ok.md')));
    const file = new VFile({ path: join(root, 'g.md'), value: bytes, cwd: root });
    await unified().use(remarkOfferbrief).run(emptyRoot, file);
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['tc-mismatch', 8, 44]]);
    const broken = new VFile({ path: join(root, 'g.md'), value: new Uint8Array([...bytes.slice(0, 10), 0xff, ...bytes.slice(10)]), cwd: root });
    await unified().use(remarkOfferbrief).run(emptyRoot, broken);
    expect(broken.messages.map((m) => [m.ruleId, m.line, m.column])[0]).toEqual(['encoding-invalid', 1, 11]);
  });

  it('honours severities given as options over the config', async () => {
    const file = await processFile('tests/fixtures/lint/rules/tc-mismatch/not-ok.md', { rules: { 'tc-mismatch': 'warn' } });
    expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['tc-mismatch', false]]);
    const off = await processFile('tests/fixtures/lint/rules/tc-mismatch/not-ok.md', { rules: { 'tc-mismatch': 'off' } });
    expect(off.messages).toEqual([]);
  });

  it('honours the tolerance option', async () => {
    // $285K against an expected $265K is $20K off: a 20,000 tolerance lets it pass, 19,999 does not.
    expect((await processFile('tests/fixtures/lint/rules/tc-mismatch/not-ok.md', { tolerance: { absolute: 20000, relative: 0 } })).messages).toEqual([]);
    expect((await processFile('tests/fixtures/lint/rules/tc-mismatch/not-ok.md', { tolerance: { absolute: 19999, relative: 0 } })).messages).toHaveLength(1);
  });

  describe('with a config found above the file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'offerbrief-remark-'));
      await mkdir(join(dir, '.git'));
      await mkdir(join(dir, 'guides'));
      await writeFile(join(dir, 'offerbrief.config.yaml'), 'rules:\n  tc-mismatch: warn\n');
      await writeFile(join(dir, 'guides', 'g.md'), await readFile(join(root, 'tests/fixtures/lint/rules/tc-mismatch/not-ok.md')));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('uses it, as lint does, unless config is false', async () => {
      const file = new VFile({ path: join(dir, 'guides', 'g.md'), value: await readFile(join(dir, 'guides', 'g.md')), cwd: dir });
      await unified().use(remarkOfferbrief).run(emptyRoot, file);
      expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['tc-mismatch', false]]);
      const plain = new VFile({ path: join(dir, 'guides', 'g.md'), value: await readFile(join(dir, 'guides', 'g.md')), cwd: dir });
      await unified().use(remarkOfferbrief, { config: false }).run(emptyRoot, plain);
      expect(plain.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['tc-mismatch', true]]);
    });
  });
});

describe('through remark-cli', () => {
  const paths = ['guides', 'tests/fixtures/lint'];

  it('finds what offerbrief lint finds, on the bundled guides and the rule fixtures', async () => {
    const cli = join(root, 'node_modules/remark-cli/cli.js');
    let stderr = '';
    let code = 0;
    try {
      ({ stderr } = await run(process.execPath, [cli, ...paths, '--use', 'remark-gfm', '--use', 'offerbrief/remark', '--no-stdout', '--no-config', '--no-ignore', '--no-color'], { cwd: root, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } }));
    } catch (error) {
      ({ stderr, code } = error as { stderr: string; code: number });
    }
    // vfile-reporter: a line naming the file, then `  line:col-line:col  severity  reason  rule-id  source` per message.
    const found: Finding[] = [];
    let current = '';
    for (const line of stderr.split('\n')) {
      const message = /^\s*(\d+:\d+-\d+:\d+)\s+(error|warning)\s+(.*?)\s+([a-z-]+)\s+offerbrief$/.exec(line);
      if (message) found.push(`${current} ${message[1]} ${message[2]} ${message[4]} ${message[3]}`);
      else if (/^\S/.test(line) && !/^\d+ messages?/.test(line)) current = line.replace(/: no issues found$/, '');
    }
    const expected = await lintFindings(paths);
    expect(expected.length).toBeGreaterThan(20);
    expect(found.sort()).toEqual(expected.sort());
    expect(code).toBe(1); // errors are fatal messages, which fail remark-cli as they fail lint
  }, 60_000);
});

import { mkdtempSync, writeFileSync, openSync, ftruncateSync, closeSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from './run.js';

const root = new URL('../../', import.meta.url).pathname;
const tmp = mkdtempSync(path.join(tmpdir(), 'offerbrief-inspect-'));

describe('offerbrief inspect', () => {
  test('prints the model as 2-space JSON in the model\'s key order, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['inspect', 'guides/northwind-backend-engineer.md'], { cwd: root });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const model = JSON.parse(stdout);
    expect(Object.keys(model)).toEqual(['title', 'tags', 'table', 'bands', 'sections', 'levers', 'levelMapping', 'strategy', 'placeholders', 'sources']);
    expect(Object.keys(model.bands[0])).toEqual(['region', 'currency', 'base', 'equity', 'bonus', 'totalComp', 'position', 'cells', 'cellCount']);
    expect(model.bands[0].base).toEqual({ low: 170000, high: 215000 });
    expect(stdout.startsWith('{\n  "title": {\n    "text": "Backend Engineer | Northwind Robotics Negotiation Guide"')).toBe(true);
    // Same input, same bytes.
    expect((await runCli(['inspect', 'guides/northwind-backend-engineer.md'], { cwd: root })).stdout).toBe(stdout);
  });

  test('a guide with errors: the model is still printed, diagnostics go to stderr, exit 1', async () => {
    const file = path.join(tmp, 'bad.md');
    writeFileSync(file, '# A | B Guide\n\n| Region | Base Salary | Total Comp |\n|---|---|---|\n| Austin | $18OK | $100K |\n');
    const { code, stdout, stderr } = await runCli(['inspect', file], { cwd: tmp });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).bands[0].cells.base).toMatchObject({ text: '$18OK', kind: 'invalid' });
    expect(stderr).toContain('bad.md');
    expect(stderr).toMatch(/5:12\s+error\s+.*money-invalid/);
  });

  test('a missing file, a folder, bad usage: exit 2 with one clear line', async () => {
    let r = await runCli(['inspect', 'nope.md'], { cwd: tmp });
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('offerbrief inspect: nope.md: no such file or folder\n');
    mkdirSync(path.join(tmp, 'dir.md'), { recursive: true });
    r = await runCli(['inspect', 'dir.md'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('offerbrief inspect: dir.md: is a folder, expected a file\n');
    r = await runCli(['inspect'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected one guide file, received 0');
    r = await runCli(['inspect', 'a.md', '--bogus'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--bogus'");
  });

  test('a 20 MB file is refused from its size, unread', async () => {
    const big = path.join(tmp, 'big.md');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 20 * 1024 * 1024);
    closeSync(fd);
    const started = performance.now();
    const r = await runCli(['inspect', big], { cwd: tmp });
    const elapsed = performance.now() - started;
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`offerbrief inspect: ${big}: 20 MB is over the 5 MB limit for a guide; split it, or raise the limit with --max-size\n`);
    // Sanity, not a benchmark: refusing must not mean reading 20 MB.
    expect(elapsed).toBeLessThan(1000);
    const raised = await runCli(['inspect', big, '--max-size', '1KB'], { cwd: tmp });
    expect(raised.stderr).toContain('over the 1 KB limit');
  });

  test('--help', async () => {
    const r = await runCli(['inspect', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: offerbrief inspect <guide.md | ->');
  });
});

describe('offerbrief', () => {
  test('--help lists the commands; an unknown command is a usage error', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['inspect', 'lint', 'schema', 'plan', 'render', 'batch', 'manifest']) expect(help.stdout).toContain(`  ${name}`);
    const bad = await runCli(['frobnicate']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });
});

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/lint/cache.js';
import { lint } from '../../src/lint/index.js';
import { runCli } from '../cli/run.js';

const ok = readFileSync(new URL('../fixtures/lint/ok.md', import.meta.url), 'utf8');
const broken = ok.replace('| $205K-$265K |', '| $205K-$285K |');
const date = '2026-12-01';
const dirs: string[] = [];

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'offerbrief-cache-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const cachePath = (dir: string) => join(dir, 'node_modules/.cache/offerbrief/lint-cache.json');
const run = (cwd: string, extra: Partial<Parameters<typeof lint>[0]> = {}) => lint({ cwd, cache: true, date, ...extra });

describe('--cache', () => {
  it('a second run takes every unchanged file from the cache, with the same results', async () => {
    const dir = project({ 'guides/a.md': ok, 'guides/b.md': broken, 'guides/c.md': ok });
    const first = await run(dir);
    expect(first.cachedCount).toBe(0);
    expect(existsSync(cachePath(dir))).toBe(true);
    const second = await run(dir);
    expect(second.cachedCount).toBe(3);
    expect(second.results).toEqual(first.results);
    expect([second.errorCount, second.warningCount]).toEqual([1, 0]);
  });

  it('a hit really is read from the cache (a planted message comes back)', async () => {
    const dir = project({ 'guides/a.md': ok });
    await run(dir);
    const cache = JSON.parse(readFileSync(cachePath(dir), 'utf8'));
    const entry = Object.values(cache.files)[0] as { messages: unknown[] };
    entry.messages.push({ ruleId: 'planted', severity: 1, message: 'from the cache', line: 1, column: 1, endLine: 1, endColumn: 1 });
    writeFileSync(cachePath(dir), JSON.stringify(cache));
    const again = await run(dir);
    expect(again.results[0]!.messages.map((m) => m.ruleId)).toEqual(['planted']);
  });

  it('re-lints a file whose content changed, and only that one', async () => {
    const dir = project({ 'guides/a.md': ok, 'guides/b.md': ok });
    await run(dir);
    writeFileSync(join(dir, 'guides/b.md'), broken);
    const again = await run(dir);
    expect(again.cachedCount).toBe(1);
    expect(again.results[1]!.messages.map((m) => m.ruleId)).toEqual(['tc-mismatch']);
  });

  it('a changed config, option or date re-lints everything', async () => {
    const dir = project({ 'guides/a.md': broken, 'guides/b.md': ok });
    await run(dir);
    writeFileSync(join(dir, 'offerbrief.config.json'), JSON.stringify({ rules: { 'tc-mismatch': 'warn' } }));
    const configured = await run(dir);
    expect(configured.cachedCount).toBe(0);
    expect([configured.errorCount, configured.warningCount]).toEqual([0, 1]);
    expect((await run(dir)).cachedCount).toBe(2);
    expect((await run(dir, { rules: { 'tc-mismatch': 'off' } })).cachedCount).toBe(0);
    expect((await run(dir, { date: '2027-01-01' })).cachedCount).toBe(0);
    expect((await run(dir, { tolerance: { absolute: 0, relative: 0 } })).cachedCount).toBe(0);
  });

  it('another tool version makes another key, so its cache is not used', async () => {
    expect(cacheKey('1.0.0', { rules: {} })).not.toBe(cacheKey('1.0.1', { rules: {} }));
    expect(cacheKey('1.0.0', { rules: { a: 'off', b: 'warn' } })).toBe(cacheKey('1.0.0', { rules: { b: 'warn', a: 'off' } }));
    const dir = project({ 'guides/a.md': ok });
    await run(dir);
    const cache = JSON.parse(readFileSync(cachePath(dir), 'utf8'));
    // As written by another version of offerbrief: its key differs.
    writeFileSync(cachePath(dir), JSON.stringify({ ...cache, key: cacheKey('0.0.1-old', {}) }));
    expect((await run(dir)).cachedCount).toBe(0);
    expect((await run(dir)).cachedCount).toBe(1);
  });

  it('a broken cache file is ignored and rewritten', async () => {
    const dir = project({ 'guides/a.md': ok });
    mkdirSync(join(dir, 'node_modules/.cache/offerbrief'), { recursive: true });
    writeFileSync(cachePath(dir), '{ not json');
    expect((await run(dir)).cachedCount).toBe(0);
    expect((await run(dir)).cachedCount).toBe(1);
  });

  it('--fix re-lints cached files that have fixes, and caches the fixed content', async () => {
    const dir = project({ 'guides/a.md': broken });
    await run(dir);
    const fixed = await run(dir, { fix: true });
    expect(fixed.cachedCount).toBe(0);
    expect(readFileSync(join(dir, 'guides/a.md'), 'utf8')).toBe(ok);
    const after = await run(dir);
    expect(after.cachedCount).toBe(1);
    expect(after.errorCount).toBe(0);
  });

  it('--cache-location takes a file or a folder; the CLI says when it is given without --cache', async () => {
    const dir = project({ 'guides/a.md': ok });
    await runCli(['lint', '--cache', '--cache-location', '.lintcache'], { cwd: dir });
    expect(existsSync(join(dir, '.lintcache'))).toBe(true);
    await runCli(['lint', '--cache', '--cache-location', 'cache-dir/'], { cwd: dir });
    expect(existsSync(join(dir, 'cache-dir/lint-cache.json'))).toBe(true);
    expect(await runCli(['lint', '--cache-location', 'x'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'offerbrief lint: --cache-location needs --cache\n' });
  });
});

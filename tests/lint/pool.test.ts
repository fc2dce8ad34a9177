import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { threadCount, WORKER_THRESHOLD } from '../../src/lint/pool.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(join(root, 'dist/lint/worker.js'));
const fixtures = join(root, 'tests/fixtures/lint');
const dir = mkdtempSync(join(tmpdir(), 'offerbrief-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('thread count', () => {
  it('stays on one thread below the threshold, and obeys --jobs', () => {
    expect(threadCount(WORKER_THRESHOLD - 1)).toBe(1);
    expect(threadCount(WORKER_THRESHOLD)).toBeGreaterThanOrEqual(1);
    expect(threadCount(10, 3)).toBe(3);
    expect(threadCount(2, 8)).toBe(2);
    expect(threadCount(0, 4)).toBe(1);
  });

  it('uses workers only on cores the load leaves idle', () => {
    const idle = { cores: 2, load: 0.1 };
    expect(threadCount(WORKER_THRESHOLD - 1, undefined, idle)).toBe(1);
    expect(threadCount(1000, undefined, idle)).toBe(1);
    expect(threadCount(1000, undefined, { cores: 2, load: 0 })).toBe(2);
    expect(threadCount(10_000, undefined, { cores: 2, load: 0.9 })).toBe(1);
    expect(threadCount(10_000, undefined, { cores: 2, load: 3.5 })).toBe(1);
    expect(threadCount(10_000, undefined, { cores: 8, load: 2.2 })).toBe(5);
    expect(threadCount(1000, undefined, { cores: 16, load: 0 })).toBe(3);
    expect(threadCount(10_000, 1, { cores: 16, load: 0 })).toBe(1);
  });
});

// Worker threads run the compiled worker (dist/), so this goes through the built CLI (`npm test` builds first).
describe.skipIf(!built)('worker threads (built CLI)', () => {
  it('give the same output, in the same order, as one thread', () => {
    mkdirSync(join(dir, 'guides'));
    const sources = ['ok.md', 'rules/tc-mismatch/not-ok.md', 'rules/placeholder-malformed/not-ok.md', 'rules/section-missing/not-ok.md'];
    for (let i = 0; i < 60; i++) copyFileSync(join(fixtures, sources[i % sources.length]!), join(dir, 'guides', `g${String(i).padStart(3, '0')}.md`));
    writeFileSync(join(dir, 'guides', 'g999.md'), readFileSync(join(fixtures, 'ok.md')).subarray(0, 0));
    const run = (jobs: string) =>
      spawnSync(process.execPath, [join(root, 'bin/offerbrief.js'), 'lint', 'guides', '--format', 'json', '--jobs', jobs], { cwd: dir, encoding: 'utf8' });
    const one = run('1');
    const three = run('3');
    expect(one.status).toBe(1);
    expect(three.status).toBe(1);
    expect(three.stdout).toBe(one.stdout);
    const results = JSON.parse(one.stdout) as Array<{ filePath: string; errorCount: number; warningCount: number }>;
    expect(results).toHaveLength(61);
    expect(results.at(-1)!.filePath.endsWith('g999.md')).toBe(true);
    expect(results.reduce((n, r) => n + r.errorCount, 0)).toBe(15 + 1);
    expect(results.reduce((n, r) => n + r.warningCount, 0)).toBe(15 * 3 + 15);
  });
});

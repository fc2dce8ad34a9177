import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

// npm ci no longer builds (no prepare script): a clone run before `npm run build` says so.
test('the bin says how to build when dist/ is missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'offerbrief-nodist-'));
  try {
    for (const part of ['bin', 'package.json']) cpSync(join(root, part), join(dir, part), { recursive: true });
    const run = spawnSync(process.execPath, [join(dir, 'bin/offerbrief.js'), 'lint'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('offerbrief: dist/ is missing, expected the compiled CLI; run `npm run build` in the repository first\n');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

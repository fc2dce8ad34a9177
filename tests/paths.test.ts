import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { packageRoot, workerScript } from '../src/paths.js';

const bundled = (area: string) => join(packageRoot, 'dist/bundle', `${area}-worker.cjs`);

describe.skipIf(!existsSync(bundled('batch')))('worker threads', () => {
  // Callers of the library run dist/ (here: the sources); their workers still load the one bundle.
  test('start from the bundled worker when the package holds one', () => {
    expect(fileURLToPath(workerScript('batch')!)).toBe(bundled('batch'));
    expect(fileURLToPath(workerScript('lint')!)).toBe(bundled('lint'));
  });
});

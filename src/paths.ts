import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Set to true by esbuild (scripts/bundle.mjs) in dist/bundle/*.mjs; undefined
 * when running from src/ (tests) or dist/ (tsc output).
 */
declare const OFFERBRIEF_BUNDLE: boolean | undefined;
const bundled = typeof OFFERBRIEF_BUNDLE !== 'undefined' && OFFERBRIEF_BUNDLE === true;

const here = fileURLToPath(import.meta.url);

/** The package's folder (package.json, templates/): found by walking up, so it holds in src/, dist/ and the bundle. */
export const packageRoot: string = (() => {
  for (let dir = dirname(here); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    if (dirname(dir) === dir) return dirname(dirname(here));
  }
})();

export const packageJson = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { name: string; version: string };

/**
 * A worker thread's script: the bundled one beside the bundle, else the
 * compiled module (dist/<area>/worker.js); null when neither exists (tests on sources).
 */
export function workerScript(area: 'batch' | 'lint'): URL | null {
  const url = bundled
    ? new URL(`./${area}-worker.cjs`, import.meta.url)
    : new URL(`file://${join(packageRoot, 'dist', area, 'worker.js')}`);
  return existsSync(fileURLToPath(url)) ? url : null;
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
 * A worker thread's script: the bundled one (dist/bundle/<area>-worker.cjs), else the compiled
 * module (dist/<area>/worker.js); null when neither exists (tests on sources before a build).
 * The bundled one also for callers of the library from dist/: a worker that loads the one bundle
 * with its code cache starts faster and holds less than one that loads dist/'s ~400 modules, each
 * one's source kept as a string (about 9 MB of a worker's heap).
 */
export function workerScript(area: 'batch' | 'lint'): URL | null {
  const scripts = bundled
    ? [new URL(`./${area}-worker.cjs`, import.meta.url)]
    : [pathToFileURL(join(packageRoot, 'dist', 'bundle', `${area}-worker.cjs`)), pathToFileURL(join(packageRoot, 'dist', area, 'worker.js'))];
  return scripts.find((url) => existsSync(fileURLToPath(url))) ?? null;
}

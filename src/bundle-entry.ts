/**
 * The entry of the single-file bundle (scripts/bundle.mjs): the CLI, and the
 * worker threads' code, which the bundle runs lazily, on demand.
 */
export { main } from './cli/main.js';

export const workers = {
  batch: () => import('./batch/worker.js'),
  lint: () => import('./lint/worker.js'),
};

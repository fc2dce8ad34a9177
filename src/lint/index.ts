// The lint API: `lint` (src/lint/run.ts) and the pieces it is made of.
export { lint, errorsOnly, type LintOptions, type LintRun } from './run.js';
export { expandPaths, displayPath } from './files.js';
export { lintFile, toResult, FILE_UNREADABLE } from './one.js';
export { WORKER_THRESHOLD, threadCount } from './pool.js';
export { applyFixes, fixSource, MAX_FIX_PASSES } from './fix.js';
export { DEFAULT_CACHE_LOCATION, CACHE_FILE } from './cache.js';
export { DEFAULT_MAX_AGE_MONTHS } from '../validate/rules/sources-stale.js';

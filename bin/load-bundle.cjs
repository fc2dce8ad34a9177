'use strict';
// Loads dist/bundle/offerbrief.cjs with V8's code cache beside it (made at build
// time by scripts/bundle.mjs), so a cold start skips parsing and compiling
// ~2 MB of JavaScript. A missing or stale cache only makes the start slower:
// V8 checks it against the source and the Node.js version and ignores it.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const bundleFile = path.join(__dirname, '..', 'dist', 'bundle', 'offerbrief.cjs');
const cacheFile = `${bundleFile}.cache`;

function readOptional(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The bundle's exports and its vm.Script (to write a new cache from). */
function loadBundle() {
  // The bundle is one function expression, (function (exports, require, module, __filename, __dirname) {…}).
  const script = new vm.Script(fs.readFileSync(bundleFile, 'utf8'), { filename: bundleFile, cachedData: readOptional(cacheFile) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  return { exports: module.exports, script };
}

/**
 * V8 as the CLI runs it: optimizing later (an interrupt budget of 2,000,000 against V8's 67,584).
 * Most of a brief's functions run a few hundred times; TurboFan compiled them for runs that then
 * barely came. Measured on Node 20.20 (bench/cold.mjs, bench/batch.mjs): a cold render 12-17 ms
 * less wall and 50 ms less CPU, a batch of 1,000 briefs 18% faster with 20 MB less peak memory; a
 * 100-page brief still gains (540 → 400 ms), as its hot loops still reach the budget.
 * Set before the bundle is compiled, in the CLI and when the code cache is made
 * (scripts/warm-code-cache.cjs): the cache holds only for the V8 flags it was made with, and the
 * CLI's worker threads share the process's flags. Not set by the library: that is its caller's
 * process (its workers then compile the bundle without the cache).
 */
function useCliV8Flags() {
  require('node:v8').setFlagsFromString('--interrupt-budget=2000000');
}

module.exports = { loadBundle, useCliV8Flags, bundleFile, cacheFile, bundleExists: () => fs.existsSync(bundleFile) };

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

module.exports = { loadBundle, bundleFile, cacheFile, bundleExists: () => fs.existsSync(bundleFile) };

'use strict';
// Stands in for tiny-inflate@1.0.3 in the bundle (scripts/bundle.mjs): the same call, inflate(source,
// dest) → dest, or a copy of its filled start when the data is shorter, but by Node's native zlib.
// unicode-trie@2.0.0 inflates unicode-properties' table (needed by the first glyph fontkit makes)
// through it, twice, which took 7 ms of every cold render in JavaScript. tests/cli/bundle.test.ts
// checks it gives tiny-inflate's bytes.
const { inflateRawSync } = require('node:zlib');

module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source);
  dest.set(out.length > dest.length ? out.subarray(0, dest.length) : out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};

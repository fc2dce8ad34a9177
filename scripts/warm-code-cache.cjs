'use strict';
// Runs the main commands once on the bundled examples, in this process, then
// writes the bundle's code cache. Called by scripts/bundle.mjs at build time.
const { writeFileSync, renameSync } = require('node:fs');
const { loadBundle, useCliV8Flags, cacheFile } = require('../bin/load-bundle.cjs');

// The CLI's V8 flags (bin/load-bundle.cjs): a cache made under other flags is refused.
useCliV8Flags();

const out = process.argv[2];
const sink = { write: () => true, isTTY: false };
const ctx = { cwd: require('node:path').join(__dirname, '..'), env: {}, stdout: sink, stderr: sink };

(async () => {
  const { exports, script } = loadBundle();
  const runs = [
    ['lint', 'guides'],
    ['inspect', 'guides/scale-ai-security-engineer.md'],
    ['plan', '--candidate', 'candidates/dana-reyes.yaml'],
    ['render', '--candidate', 'candidates/dana-reyes.yaml', '--out', out, '--date', '2026-01-01'],
    ['render', '--candidate', 'candidates/oliver-grant.json', '--out', out, '--template', 'one-page'],
  ];
  for (const argv of runs) {
    const code = await exports.main(argv, ctx);
    if (code !== 0) throw new Error(`warming the code cache: offerbrief ${argv.join(' ')} exited ${code}`);
  }
  const temp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(temp, script.createCachedData());
  renameSync(temp, cacheFile);
})().catch((error) => {
  // No cache is slower, not broken: say so and carry on.
  process.stderr.write(`offerbrief build: no code cache written: ${error.message}\n`);
});

#!/usr/bin/env node
// `npm run bench`: every benchmark in turn (after the build), each printing its own figures.
// Run one alone with `node bench/<name>.mjs` (see the comment at the top of each).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = ['parse', 'lint', 'personalize', 'render', 'batch', 'lsp'];
let failed = 0;
for (const name of benches) {
  console.log(`\n== ${name} ==`);
  const run = spawnSync(process.execPath, [join(here, `${name}.mjs`)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;

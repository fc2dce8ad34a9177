#!/usr/bin/env node
// `npm run bench`: every benchmark in turn (after the build), each printing its own figures.
// Run one alone with `node bench/<name>.mjs` (see the comment at the top of each).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// batch runs twice: peak RSS must stay flat in the number of briefs (1,000 against 3,000).
const benches = [['cold'], ['parse'], ['lint'], ['personalize'], ['render'], ['batch'], ['batch', { BENCH_BRIEFS: '3000' }], ['lsp']];
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`load average (1 5 15 min) at the start: ${load()}`);
let failed = 0;
for (const [name, env = {}] of benches) {
  console.log(`\n== ${name}${Object.keys(env).length ? ` (${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''} ==`);
  const run = spawnSync(process.execPath, [join(here, `${name}.mjs`)], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) failed++;
}
console.log(`\nload average (1 5 15 min) at the end: ${load()}`);
process.exitCode = failed > 0 ? 1 : 0;

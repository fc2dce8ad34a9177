#!/usr/bin/env node
// `npm run bench`: every benchmark in turn (after the build), each printing its own figures.
// Run one alone with `node bench/<name>.mjs` (see the comment at the top of each).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// batch runs twice: peak RSS must stay flat in the number of briefs (1,000 against 3,000).
const figures = mkdtempSync(join(tmpdir(), 'offerbrief-bench-'));
const batchJson = (briefs) => join(figures, `batch-${briefs}.json`);
const benches = [['cold'], ['parse'], ['lint'], ['personalize'], ['render'], ['batch', { BENCH_JSON: batchJson(1000) }], ['batch', { BENCH_BRIEFS: '3000', BENCH_JSON: batchJson(3000) }], ['lsp']];
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`load average (1 5 15 min) at the start: ${load()}`);
let failed = 0;
for (const [name, env = {}] of benches) {
  const shown = Object.entries(env).filter(([k]) => k !== 'BENCH_JSON');
  console.log(`\n== ${name}${shown.length ? ` (${shown.map(([k, v]) => `${k}=${v}`).join(' ')})` : ''} ==`);
  const run = spawnSync(process.execPath, [join(here, `${name}.mjs`)], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) failed++;
}
// Peak RSS flat in N: the 3,000-brief batch's peak within 10% of the 1,000-brief batch's.
try {
  const [small, large] = [1000, 3000].map((n) => JSON.parse(readFileSync(batchJson(n), 'utf8')));
  const growth = large.peakRssMb / small.peakRssMb - 1;
  console.log(
    `\nbatch peak RSS: ${small.peakRssMb.toFixed(0)} MB at ${small.briefs} briefs (load ${small.load}), ${large.peakRssMb.toFixed(0)} MB at ${large.briefs} (load ${large.load}): ` +
      `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)}% (target within 10%, and ≤ 300 MB; before #17: 330 → ~400 MB, +21%)`,
  );
} catch {
  console.log('\nbatch peak RSS: not compared (a batch run failed)');
}
rmSync(figures, { recursive: true, force: true });
console.log(`\nload average (1 5 15 min) at the end: ${load()}`);
process.exitCode = failed > 0 ? 1 : 0;

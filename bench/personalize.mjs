#!/usr/bin/env node
// Benchmark: computing briefs. (1) buildBrief alone (pure, guides parsed once),
// (2) loadBrief (read + validate the profile, read + parse + lint the guide,
// compute), (3) `offerbrief plan` as a cold `node` process, as a user runs it.
// Uses the bundled guides/ and candidates/. Needs `npm run build` first.
// Usage: node bench/personalize.mjs [--iterations 20000] [--loads 500] [--cold 10]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const iterations = option('--iterations', 20_000);
const loads = option('--loads', 500);
const cold = option('--cold', 10);

if (!existsSync(join(root, 'dist', 'personalize', 'index.js'))) {
  console.error('bench/personalize.mjs: dist/ is missing, run `npm run build` first');
  process.exit(2);
}
const { buildBrief, loadBrief, readCandidate } = await import(join(root, 'dist', 'personalize', 'index.js'));
const { parseGuide } = await import(join(root, 'dist', 'parse', 'index.js'));

const profiles = readdirSync(join(root, 'candidates')).filter((name) => /\.(ya?ml|json)$/.test(name)).sort();
const inputs = [];
for (const name of profiles) {
  const path = join(root, 'candidates', name);
  const candidate = await readCandidate(path, name);
  const guidePath = resolve(dirname(path), candidate.guide);
  const { guide } = parseGuide(readFileSync(guidePath), { path: guidePath });
  inputs.push({ guide, guideFile: { name: 'guide.md', sha256: '0' }, candidate, candidateFile: name });
}

const rate = (count, ms) => `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;

// (1) Pure computation.
for (let i = 0; i < 1000; i += 1) buildBrief(inputs[i % inputs.length]);
let start = performance.now();
for (let i = 0; i < iterations; i += 1) buildBrief(inputs[i % inputs.length]);
let ms = performance.now() - start;
console.log(`personalize buildBrief: ${iterations} briefs in ${ms.toFixed(0)} ms, ${rate(iterations, ms)} (${((ms * 1000) / iterations).toFixed(1)} µs each)`);

// (2) Files in, brief out (one process, warm).
start = performance.now();
for (let i = 0; i < loads; i += 1) await loadBrief({ cwd: root, candidate: join('candidates', profiles[i % profiles.length]) });
ms = performance.now() - start;
console.log(`personalize loadBrief: ${loads} briefs (read, lint, compute) in ${ms.toFixed(0)} ms, ${rate(loads, ms)} (${(ms / loads).toFixed(2)} ms each)`);

// (3) Cold CLI processes.
const times = [];
for (let i = 0; i < cold; i += 1) {
  const t = performance.now();
  const run = spawnSync(process.execPath, [join(root, 'bin', 'offerbrief.js'), 'plan', '--candidate', join('candidates', profiles[i % profiles.length])], { cwd: root, encoding: 'utf8' });
  times.push(performance.now() - t);
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
}
times.sort((a, b) => a - b);
console.log(`personalize plan (cold process): median ${times[Math.floor(times.length / 2)].toFixed(0)} ms over ${cold} runs`);

#!/usr/bin/env node
// Benchmark: `offerbrief lint DIR` over 1,000 guides (copies of the bundled
// guides/ in a temp folder), each run a cold `node` process, as CI runs it.
// Prints wall time and guides/s for automatic threading, one thread and two
// threads, then the crossover: at which file count worker threads start to pay.
// Needs `npm run build` first. Usage: node bench/lint.mjs [--files 1000] [--runs 5] [--no-crossover]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'offerbrief.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const total = option('--files', 1000);
const runs = option('--runs', 5);
const crossover = !args.includes('--no-crossover');

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench/lint.mjs: dist/ is missing, run `npm run build` first');
  process.exit(2);
}
const sources = readdirSync(join(root, 'guides')).filter((name) => name.endsWith('.md')).sort();
if (sources.length === 0) {
  console.error('bench/lint.mjs: no guides in guides/');
  process.exit(2);
}

/** A temp folder with `count` guides, copied round-robin from guides/. */
function corpus(count) {
  const dir = mkdtempSync(join(tmpdir(), 'offerbrief-bench-lint-'));
  const into = join(dir, 'guides');
  mkdirSync(into);
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length];
    copyFileSync(join(root, 'guides', source), join(into, `${String(i).padStart(4, '0')}-${source}`));
  }
  return dir;
}

/** Wall time of one cold `offerbrief lint guides` process, in seconds. */
function timeOnce(dir, extra) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, 'lint', 'guides', '--format', 'json', ...extra], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) {
    console.error(`bench/lint.mjs: lint exited ${result.status}: ${result.stderr.slice(0, 500)}`);
    process.exit(1);
  }
  return seconds;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(dir, extra, n) {
  timeOnce(dir, extra); // warm the file-system cache
  const times = Array.from({ length: n }, () => timeOnce(dir, extra));
  return { median: median(times), best: Math.min(...times) };
}

console.log(`lint bench: ${total} guides (copies of ${sources.length} bundled guides), ${availableParallelism()} cores, node ${process.version}, ${runs} runs each`);
const dir = corpus(total);
try {
  for (const [label, extra] of [['auto', []], ['--jobs 1', ['--jobs', '1']], ['--jobs 2', ['--jobs', '2']]]) {
    const { median: m, best } = measure(dir, extra, runs);
    console.log(`lint ${total} guides, cold process, ${label.padEnd(8)}: ${m.toFixed(2)} s wall (best ${best.toFixed(2)} s), ${Math.round(total / m)} guides/s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (crossover) {
  console.log('crossover (median wall, one thread vs two):');
  for (const count of [25, 50, 100, 150, 200, 300, 500]) {
    const small = corpus(count);
    try {
      const one = measure(small, ['--jobs', '1'], runs).median;
      const two = measure(small, ['--jobs', '2'], runs).median;
      console.log(`  ${String(count).padStart(4)} guides: 1 thread ${one.toFixed(3)} s, 2 threads ${two.toFixed(3)} s${two < one ? '  <- threads win' : ''}`);
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  }
}

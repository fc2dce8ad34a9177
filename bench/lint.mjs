#!/usr/bin/env node
// Benchmark: `offerbrief lint DIR` over 1,000 guides (copies of the bundled
// guides/ in a temp folder), each run a cold `node` process, as CI runs it.
// Prints wall time and guides/s for automatic threading, one thread and two
// threads, then the crossover: at which file count worker threads start to pay.
// Needs `npm run build` first. Usage: node bench/lint.mjs [--files 1000] [--runs 3] [--no-crossover]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
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
const runs = option('--runs', 3);
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

/** Median and best of `n` runs of each variant, interleaved so a change in machine load hits all alike. */
function measureAll(dir, variants, n) {
  for (const extra of variants) timeOnce(dir, extra); // warm the file-system cache
  const times = variants.map(() => []);
  for (let run = 0; run < n; run++) variants.forEach((extra, i) => times[i].push(timeOnce(dir, extra)));
  return times.map((t) => ({ median: median(t), best: Math.min(...t) }));
}

console.log(`lint bench: ${total} guides (copies of ${sources.length} bundled guides), ${availableParallelism()} cores, node ${process.version}, ${runs} runs each, load average ${loadavg()[0].toFixed(2)}`);
const dir = corpus(total);
try {
  const variants = [['auto', []], ['--jobs 1', ['--jobs', '1']], ['--jobs 2', ['--jobs', '2']]];
  const results = measureAll(dir, variants.map(([, extra]) => extra), runs);
  variants.forEach(([label], i) => {
    const { median: m, best } = results[i];
    console.log(`lint ${total} guides, cold process, ${label.padEnd(8)}: ${m.toFixed(2)} s wall (best ${best.toFixed(2)} s), ${Math.round(total / m)} guides/s`);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (crossover) {
  console.log('crossover (median wall of cold runs, one thread vs two):');
  for (const count of [50, 100, 200, 400, 600]) {
    const small = corpus(count);
    try {
      const [one, two] = measureAll(small, [['--jobs', '1'], ['--jobs', '2']], runs).map((r) => r.median);
      console.log(`  ${String(count).padStart(4)} guides: 1 thread ${one.toFixed(3)} s, 2 threads ${two.toFixed(3)} s${two < one ? '  <- threads win' : ''}`);
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  }
}

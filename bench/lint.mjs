#!/usr/bin/env node
// Benchmark: `offerbrief lint DIR` over 1,000 guides (copies of the bundled
// guides/ in a temp folder), each run a cold `node` process, as CI runs it,
// side by side with markdownlint-cli2 (a pinned devDependency) on the same
// files in the same run. Prints wall time, CPU, peak RSS and guides/s for
// automatic threading, one thread, two threads and a `--cache` re-lint, the
// ratio to markdownlint-cli2, the load average before and after, and the
// crossover: at which file count worker threads start to pay. Two more rows give the
// parser's limit on the same files: micromark's tokens alone, and remark-parse + remark-gfm's
// tree with no lint (bench/parse-floor.mjs).
// Needs `npm run build` first.
// Usage: node bench/lint.mjs [--files 1000] [--runs 3] [--no-crossover] [--big 10000]
//        [--bin <path to another offerbrief.js>, to compare a baseline build side by side]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'offerbrief.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const total = Number(option('--files', 1000));
const runs = Number(option('--runs', 3));
const big = Number(option('--big', 0));
const baseline = option('--bin', null);
const crossover = !args.includes('--no-crossover');
const markdownlint = join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const floor = join(root, 'bench', 'parse-floor.mjs');

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
    copyFileSync(join(root, 'guides', source), join(into, `${String(i).padStart(5, '0')}-${source}`));
  }
  return dir;
}

/**
 * One cold process: wall seconds, CPU seconds (user + system, children
 * included) and peak RSS in MB, read from GNU time when it is there.
 */
function timeOnce(dir, command, okCodes = [0]) {
  const stats = join(dir, '.time');
  const useTime = existsSync('/usr/bin/time');
  const argv = useTime ? ['/usr/bin/time', '-o', stats, '-f', '%U %S %M', ...command] : command;
  const start = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = (performance.now() - start) / 1000;
  if (!okCodes.includes(result.status)) {
    console.error(`bench/lint.mjs: ${command.slice(1, 3).join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
    process.exit(1);
  }
  let cpu = NaN;
  let rss = NaN;
  if (useTime) {
    const [user, system, kb] = readFileSync(stats, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    cpu = user + system;
    rss = kb / 1024;
  }
  return { wall, cpu, rss };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median (and best) of `n` runs of each variant, interleaved so a change in machine load hits all alike. */
function measureAll(dir, variants, n, { warm = true } = {}) {
  // Warm the file-system cache (a corpus just written is warm already: the big run skips this).
  if (warm) for (const v of variants) v.prepare?.(dir), timeOnce(dir, v.command, v.ok);
  const times = variants.map(() => []);
  for (let run = 0; run < n; run++) {
    variants.forEach((v, i) => {
      v.prepare?.(dir);
      times[i].push(timeOnce(dir, v.command, v.ok));
    });
  }
  return times.map((t) => ({
    wall: median(t.map((x) => x.wall)),
    best: Math.min(...t.map((x) => x.wall)),
    cpu: median(t.map((x) => x.cpu)),
    rss: Math.max(...t.map((x) => x.rss)),
  }));
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const lintArgs = ['lint', 'guides', '--format', 'json'];
const ours = (label, file, extra = [], prepare) => ({ label, command: [process.execPath, file, ...lintArgs, ...extra], ok: [0, 1], prepare });
const clearCache = (dir) => rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
const variants = [
  ours('auto', bin, []),
  ours('--jobs 1', bin, ['--jobs', '1']),
  ours('--jobs 2', bin, ['--jobs', '2']),
  // The warm-up run fills the cache; every timed run re-lints unchanged files.
  ours('--cache (all hits)', bin, ['--cache']),
  ...(baseline ? [ours('baseline auto', baseline, []), ours('baseline --jobs 1', baseline, ['--jobs', '1']), ours('baseline --jobs 2', baseline, ['--jobs', '2'])] : []),
  // The parser's limit on the same files (bench/parse-floor.mjs): no lint can be faster than the
  // tokens alone on one thread, and the tree is what remark-parse + remark-gfm give as shipped.
  { label: 'floor: micromark tokens only (1 thread)', command: [process.execPath, floor, 'tokens', 'guides'], ok: [0] },
  { label: 'floor: remark-parse + remark-gfm tree (1 thread)', command: [process.execPath, floor, 'tree', 'guides'], ok: [0] },
  { label: 'markdownlint-cli2', command: [process.execPath, markdownlint, 'guides/**/*.md'], ok: [0, 1] },
];

console.log(`lint bench: ${total} guides (copies of ${sources.length} bundled guides), ${availableParallelism()} cores, node ${process.version}, ${runs} runs each`);
console.log(`load average before: ${load()}`);
const dir = corpus(total);
let mdl = NaN;
try {
  clearCache(dir);
  const results = measureAll(dir, variants, runs);
  mdl = results.at(-1).wall;
  console.log('| variant | wall (median) | best | CPU | peak RSS | guides/s | × markdownlint-cli2 |');
  console.log('|---|---|---|---|---|---|---|');
  variants.forEach((v, i) => {
    const r = results[i];
    console.log(`| ${v.label} | ${r.wall.toFixed(2)} s | ${r.best.toFixed(2)} s | ${r.cpu.toFixed(2)} s | ${r.rss.toFixed(0)} MB | ${Math.round(total / r.wall)} | ${(r.wall / mdl).toFixed(2)} |`);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`load average after: ${load()}`);

if (big > 0) {
  const large = corpus(big);
  try {
    const bigVariants = [ours('auto', bin, []), ours('--jobs 1', bin, ['--jobs', '1'])];
    if (baseline) bigVariants.push(ours('baseline auto', baseline, []), ours('baseline --jobs 1', baseline, ['--jobs', '1']));
    console.log(`${big} guides, one run each (interleaved), load average before: ${load()}`);
    const bigResults = measureAll(large, bigVariants, 1, { warm: false });
    console.log('| variant | wall | CPU | peak RSS | guides/s |');
    console.log('|---|---|---|---|---|');
    bigVariants.forEach((v, i) => {
      const r = bigResults[i];
      console.log(`| ${v.label} | ${r.wall.toFixed(2)} s | ${r.cpu.toFixed(2)} s | ${r.rss.toFixed(0)} MB | ${Math.round(big / r.wall)} |`);
    });
    console.log(`load average after: ${load()}`);
  } finally {
    rmSync(large, { recursive: true, force: true });
  }
}

if (crossover) {
  console.log('crossover (median wall of cold runs: one thread, two threads, automatic):');
  for (const count of [50, 100, 200, 400, 600]) {
    const small = corpus(count);
    try {
      const [one, two, auto] = measureAll(small, [ours('1', bin, ['--jobs', '1']), ours('2', bin, ['--jobs', '2']), ours('auto', bin, [])], runs).map((r) => r.wall);
      console.log(`  ${String(count).padStart(4)} guides: 1 thread ${one.toFixed(3)} s, 2 threads ${two.toFixed(3)} s, auto ${auto.toFixed(3)} s${two < one ? '  <- threads win' : ''}; load ${load()}`);
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  }
}

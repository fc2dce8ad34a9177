// Benchmark of `offerbrief batch`: 1,000 briefs (250 candidate copies × 2 guides × 2 regions)
// rendered with 2 worker threads, then the same batch again (everything up to date).
//
// Run after `npm run build`: node bench/batch.mjs   (BENCH_BRIEFS=200 BENCH_JOBS=1 to vary;
// BENCH_ROOT=<another build of offerbrief> measures that one, for before/after; BENCH_JSON=<file>
// also writes the figures there, which bench/run.mjs uses to compare the 1,000 and 3,000 peaks;
// BENCH_LIBRARY=1 measures the library's runBatch in this process instead of the CLI, and
// BENCH_HEAP_MB and BENCH_YOUNG_MB, which imply it, set its workers' old and young generations).
// Each figure is printed beside its anchor: the target of issue #17 and the figure before it.
//
// Peak RSS: worker threads live in the measured process, so its RSS is the whole tree's. It is
// measured two ways: process.resourceUsage().maxRSS at the end (the kernel's high-water mark of
// the process, i.e. getrusage ru_maxrss) and VmHWM from /proc/self/status when present; a sampler
// also records process.memoryUsage().rss every 20 ms to show the profile over time.
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { vmHWM } from './vmhwm.mjs';

const root = process.env.BENCH_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
// Where the figures stood before issue #17 (medians on this 2-core machine, load 5–7): printed beside each.
const before = { briefsPerSecond: '28–52 (104–123 at low load)', cpuMs: '30–40', rss1000: 330, rss3000: 400 };

const briefs = Number(process.env.BENCH_BRIEFS ?? 1000);
const jobs = Number(process.env.BENCH_JOBS ?? 2);
const guides = ['acme-platform.md', 'birch-data.md'];
const regions = 2;
const copies = Math.ceil(briefs / (guides.length * regions));

// By default the CLI, `offerbrief batch`, as a user runs it (bin/offerbrief.js: the bundle, its code
// cache and V8 flags), measured from inside by bench/rusage-hook.mjs. BENCH_LIBRARY=1, or a worker
// heap size, runs the library's runBatch in this process instead (its worker heap options are not
// CLI flags; this process's RSS then holds the worker threads' too).
const library = Boolean(process.env.BENCH_LIBRARY || process.env.BENCH_HEAP_MB || process.env.BENCH_YOUNG_MB);
const cliArgs = ['batch', '-g', 'guides', '-c', 'candidates', '-r', 'all', '-j', String(jobs), '--date', '2026-01-15', '-o', 'out', '-q'];

async function inCli(cwd) {
  const usageFile = join(cwd, 'rusage.json');
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', new URL('./rusage-hook.mjs', import.meta.url).href, join(root, 'bin/offerbrief.js'), ...cliArgs], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, BENCH_RUSAGE_FILE: usageFile },
  });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`offerbrief batch exited ${child.status}: ${child.stderr}`);
  const usage = JSON.parse(await readFile(usageFile, 'utf8'));
  const { summary } = JSON.parse(await readFile(join(cwd, 'out/manifest.json'), 'utf8'));
  return { rendered: summary.rendered, failed: summary.failed, skipped: summary.skipped, wall, cpuMs: usage.cpuMs, maxRss: usage.maxRss, hwm: usage.vmHwm, sampledPeak: usage.sampledPeak, rssBefore: usage.rssBefore, mainBusy: usage.mainBusy };
}

async function inLibrary(cwd) {
  const { runBatch } = await import(join(root, 'dist/batch/index.js'));
  const options = { workerHeapMb: process.env.BENCH_HEAP_MB ? Number(process.env.BENCH_HEAP_MB) : undefined, workerYoungMb: process.env.BENCH_YOUNG_MB ? Number(process.env.BENCH_YOUNG_MB) : undefined, cwd, guides: ['guides'], candidates: ['candidates'], regions: 'all', jobs, date: '2026-01-15', env: {}, out: 'out' };
  let sampledPeak = 0;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, 20);
  const rssBefore = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  const started = performance.now();
  const result = await runBatch(options);
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  const s = result.manifest.summary;
  return { rendered: s.rendered, failed: s.failed, skipped: s.skipped, wall, cpuMs: (cpu.user + cpu.system) / 1000, maxRss: process.resourceUsage().maxRSS * 1024, hwm: vmHWM(), sampledPeak, rssBefore, mainBusy: performance.eventLoopUtilization(eluBefore).utilization };
}

const dir = await mkdtemp(join(tmpdir(), 'offerbrief-bench-batch-'));
try {
  await mkdir(join(dir, 'guides'));
  await mkdir(join(dir, 'candidates'));
  for (const guide of guides) await cp(join(root, 'tests/fixtures/batch/guides', guide), join(dir, 'guides', guide));
  const profile = await readFile(join(root, 'tests/fixtures/batch/candidates/ana.yaml'), 'utf8');
  for (let i = 0; i < copies; i++) {
    const text = profile.replace(/^name: .*$/m, `name: Candidate ${String(i).padStart(4, '0')}`).replace(/^guide: .*\n/m, '');
    await writeFile(join(dir, 'candidates', `c${String(i).padStart(4, '0')}.yaml`), text);
  }

  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const measured = library ? await inLibrary(dir) : await inCli(dir);
  const { rendered, failed, wall, cpuMs, maxRss, hwm, sampledPeak, rssBefore, mainBusy } = measured;
  console.log(
    `batch: ${rendered} briefs rendered (${failed} failed) with --jobs ${jobs}${library ? ' (runBatch in this process)' : ''}: wall ${wall.toFixed(2)} s, ${(rendered / wall).toFixed(1)} briefs/s (target ≥ 150; before #17: ${before.briefsPerSecond})`,
  );
  console.log(
    `batch: CPU ${(cpuMs / 1000).toFixed(2)} s over all threads, ${(cpuMs / Math.max(1, rendered)).toFixed(1)} ms per brief (target ≤ 12; before #17: ${before.cpuMs}); ` +
      `on ${jobs} idle core(s) that allows at most ${((jobs * 1000 * Math.max(1, rendered)) / cpuMs).toFixed(0)} briefs/s (load now: ${loadavg()[0].toFixed(1)})`,
  );
  console.log(`batch: main thread busy ${(mainBusy * 100).toFixed(1)}% of the wall time (planning, manifest, messages, renames)`);
  console.log(
    `batch: peak RSS ${mb(maxRss)} (getrusage maxRSS of the process incl. worker threads; target ≤ 300 MB, and within 10% of the 1,000-brief peak at 3,000; before #17: ${before.rss1000} MB at 1,000, ~${before.rss3000} MB at 3,000)` +
      `${hwm !== null ? `, VmHWM ${mb(hwm)}` : ''}, sampled ${mb(sampledPeak)}, before the batch ${mb(rssBefore)}`,
  );

  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`batch: load average (1 5 15 min) ${load}`);
  if (process.env.BENCH_JSON) {
    const figures = { briefs: rendered, jobs, wall, briefsPerSecond: rendered / wall, cpuMsPerBrief: cpuMs / Math.max(1, rendered), peakRssMb: maxRss / 1024 / 1024, load };
    await writeFile(process.env.BENCH_JSON, `${JSON.stringify(figures)}\n`);
  }
  const second = library ? await inLibrary(dir) : await inCli(dir);
  console.log(`batch: second run, ${second.skipped} up to date, ${second.rendered} rendered: wall ${second.wall.toFixed(2)} s, ${(briefs / second.wall).toFixed(0)} items/s checked`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

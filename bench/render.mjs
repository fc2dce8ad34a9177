// Benchmark of the renderer: warm renders per brief (fonts and templates parsed once, as in a
// batch worker) and the wall time of a cold `offerbrief render` process.
//
// "Warm" follows BENCH_WARMUP renders (default 30): the first few dozen renders of a process run
// while V8 still compiles the renderer's hot functions on background threads, whose CPU time would
// count in the per-brief CPU figure (BENCH_WARMUP=5 gives the figures of earlier versions). Besides
// the same brief again and again, it renders briefs that differ in the candidate's name, as a batch
// does: per-process caches of laid-out text and font files then hit only in part.
//
// Run after `npm run build`: node bench/render.mjs   (BENCH_RUNS=100 BENCH_COLD=9 to vary)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 60);
const warmup = Number(process.env.BENCH_WARMUP ?? 30);
const coldRuns = Number(process.env.BENCH_COLD ?? 7);
const profile = join(root, 'tests/fixtures/render/profiles/priya.yaml');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const t0 = performance.now();
const { loadBrief } = await import(join(root, 'dist/personalize/index.js'));
const { renderBrief, loadTemplate } = await import(join(root, 'dist/render/index.js'));
const imported = performance.now() - t0;
const { brief } = await loadBrief({ cwd: root, candidate: profile });

for (const name of ['brief', 'one-page']) {
  const template = await loadTemplate(name, root);
  const first0 = performance.now();
  const bytes = await renderBrief(brief, { template, date: '2026-03-05' });
  const first = performance.now() - first0;
  for (let i = 0; i < warmup; i++) await renderBrief(brief, { template, date: '2026-03-05' });
  const measure = async (briefOf) => {
    const times = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const b = briefOf(i);
      const s = performance.now();
      await renderBrief(b, { template, date: '2026-03-05' });
      times.push(performance.now() - s);
    }
    const cpu = process.cpuUsage(cpu0);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    return `median ${median(times).toFixed(1)} ms/brief wall, ${((cpu.user + cpu.system) / 1000 / runs).toFixed(1)} ms/brief CPU, ${(1000 / mean).toFixed(0)} briefs/s on one core`;
  };
  const same = await measure(() => brief);
  console.log(`render warm (${name}, ${bytes.length} bytes): ${same}; first render in the process ${first.toFixed(0)} ms`);
  const named = (i) => ({ ...brief, candidate: { ...brief.candidate, name: `Candidate ${String(i).padStart(4, '0')}` } });
  console.log(`render warm (${name}, a different candidate name each time): ${await measure(named)}`);
}
console.log(`render modules import (personalize + render): ${imported.toFixed(0)} ms`);

const out = await mkdtemp(join(tmpdir(), 'offerbrief-bench-render-'));
try {
  // The child reports its own CPU time at exit: wall time alone swings with the machine's load.
  const reportCpu = 'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("cpu-ms "+(u.user+u.system)/1000+"\\n")})';
  const wall = [];
  const cpu = [];
  for (let i = 0; i < coldRuns; i++) {
    const s = performance.now();
    const child = spawnSync(process.execPath, ['--import', reportCpu, join(root, 'bin/offerbrief.js'), 'render', '--candidate', profile, '--out', out, '--date', '2026-03-05'], { encoding: 'utf8' });
    wall.push(performance.now() - s);
    if (child.status !== 0) throw new Error(`offerbrief render failed: ${child.stderr}`);
    const match = /cpu-ms ([\d.]+)/.exec(child.stderr);
    if (match) cpu.push(Number(match[1]));
  }
  const noop = [];
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    execFileSync(process.execPath, ['-e', '0']);
    noop.push(performance.now() - s);
  }
  console.log(
    `render cold process (offerbrief render, full brief): median ${median(wall).toFixed(0)} ms wall, ${cpu.length ? median(cpu).toFixed(0) : '?'} ms CPU ` +
      `over ${coldRuns} runs (bare node -e 0: ${median(noop).toFixed(0)} ms wall)`,
  );
} finally {
  await rm(out, { recursive: true, force: true });
}

// Preloaded into the `offerbrief batch` process that bench/batch.mjs measures (node --import, a
// Node option, so V8's flags and the bundle's code cache stay as the CLI has them). At exit it
// writes the process's CPU time and peak memory, worker threads included, to BENCH_RUSAGE_FILE.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { vmHWM } from './vmhwm.mjs';

const file = process.env.BENCH_RUSAGE_FILE;
let sampledPeak = 0;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
}, 20);
sampler.unref();
const rssBefore = process.memoryUsage.rss();

process.on('exit', () => {
  if (!file) return;
  const usage = process.resourceUsage();
  const elu = performance.eventLoopUtilization();
  writeFileSync(
    file,
    JSON.stringify({
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      maxRss: usage.maxRSS * 1024,
      vmHwm: vmHWM(),
      sampledPeak: Math.max(sampledPeak, process.memoryUsage.rss()),
      rssBefore,
      mainBusy: elu.utilization,
    }),
  );
});

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../paths.js';
import type { LintResult } from '../report/types.js';
import { lintFileSync, type LintFileOptions } from './one.js';
import type { ChunkRequest, ChunkResponse } from './worker.js';

/**
 * From this many files on, `lint` spreads the work over worker threads (when
 * the machine has more than one core). Each worker loads the parser again and
 * runs cold for its first files (~0.3-0.9 s before it reaches full speed), and
 * a single thread already keeps a second core partly busy with V8's garbage
 * collection, so threads only pay off for large runs. bench/lint.mjs on the
 * project's 2-core machine (shared, loaded): one thread vs two, median of 5
 * cold runs interleaved — 50 files 0.60 vs 0.87 s, 100: 0.94 vs 1.19 s,
 * 200: 1.19 vs 2.25 s, 400: 1.59 vs 1.66 s, 1,000: 3.1 vs 4.8 s (best runs
 * 2.73 vs 2.59 s). The threshold sits where two threads broke even under load;
 * `--jobs` overrides it.
 */
export const WORKER_THRESHOLD = 400;



/** How many threads (the main one included) to use for `count` files; `jobs` forces it. */
export function threadCount(count: number, jobs?: number): number {
  // At most 4 per core: `--jobs 100000` would otherwise start threads until EAGAIN or out of memory.
  if (jobs !== undefined && jobs > 0) return Math.max(1, Math.min(jobs, count, 4 * availableParallelism()));
  if (count < WORKER_THRESHOLD) return 1;
  return Math.max(1, Math.min(availableParallelism(), 8, Math.ceil(count / 200)));
}

/** Lints files in order on the calling thread. */
function lintSerial(paths: readonly string[], options: LintFileOptions): LintResult[] {
  return paths.map((path) => lintFileSync(path, options));
}

/**
 * Lints `paths`, the main thread working alongside `threads - 1` workers that
 * pull small chunks from a shared queue (so a slow file does not hold up the
 * rest). Results come back in the order of `paths`.
 */
export async function lintPaths(paths: readonly string[], options: LintFileOptions, jobs?: number): Promise<LintResult[]> {
  const threads = threadCount(paths.length, jobs);
  const script = threads > 1 ? workerScript('lint') : null;
  if (threads <= 1 || script === null) return lintSerial(paths, options);

  const results: LintResult[] = new Array(paths.length);
  const chunkSize = Math.max(4, Math.min(25, Math.ceil(paths.length / threads / 10)));
  let next = 0;
  const take = (): ChunkRequest | null => {
    if (next >= paths.length) return null;
    const start = next;
    next = Math.min(paths.length, next + chunkSize);
    return { start, paths: paths.slice(start, next) };
  };

  const workers = Array.from({ length: threads - 1 }, () => new Worker(script, { workerData: { options } }));
  // Each worker keeps two chunks in hand, so it never waits for the main
  // thread (busy with its own chunk) to hand out the next one.
  const drive = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let pending = 0;
      const send = () => {
        const chunk = take();
        if (chunk) {
          pending += 1;
          worker.postMessage(chunk);
        } else if (pending === 0) {
          resolve();
        }
      };
      worker.on('message', (response: ChunkResponse) => {
        pending -= 1;
        response.results.forEach((result, i) => {
          results[response.start + i] = result;
        });
        send();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`a lint worker stopped early (exit code ${code})`)));
      send();
      send();
    });
  const own = async () => {
    for (let chunk = take(); chunk; chunk = take()) {
      for (let i = 0; i < chunk.paths.length; i++) results[chunk.start + i] = lintFileSync(chunk.paths[i]!, options);
      // Let workers' answers in between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([...workers.map(drive), own()]);
  } finally {
    await Promise.all(workers.map((worker) => { worker.removeAllListeners('exit'); return worker.terminate(); }));
  }
  return results;
}

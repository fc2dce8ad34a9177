import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../paths.js';
import type { LintResult } from '../report/types.js';
import { lintFileSync, type LintFileOptions } from './one.js';
import type { ChunkRequest, ChunkResponse } from './worker.js';

/**
 * From this many files on, `lint` may spread the work over worker threads.
 * Each worker loads the parser again and runs cold for its first files
 * (its first parse comes 260-350 ms after it starts), and a single thread
 * already keeps a second core partly busy with V8's garbage collection: on
 * the project's shared 2-core machine two threads never beat one from 50 to
 * 600 guides (e.g. 0.52 vs 0.57 s, 1.74 vs 1.90 s).
 */
export const WORKER_THRESHOLD = 600;

/** Files one worker needs to pay for its start. */
const FILES_PER_WORKER = 300;

/** What the machine can give: its cores, and how many of them other processes keep busy (1-minute load average). */
export interface CpuAvailability {
  cores: number;
  load: number;
}

export function cpuAvailability(): CpuAvailability {
  // Windows has no load average (always 0): every core counts as free there.
  return { cores: availableParallelism(), load: loadavg()[0] ?? 0 };
}

/**
 * How many threads (the main one included) to use for `count` files; `jobs`
 * forces it. Otherwise one, unless there are many files and cores that the
 * load leaves idle: a worker only pays on a core of its own, and on a busy
 * machine it just takes turns with the main thread (with 2 threads the CPU
 * was 1.15-1.4x that of one, for no gain in wall time). So the default is
 * never slower than `--jobs 1`.
 */
export function threadCount(count: number, jobs?: number, cpu: CpuAvailability = cpuAvailability()): number {
  // At most 4 per core: `--jobs 100000` would otherwise start threads until EAGAIN or out of memory.
  if (jobs !== undefined && jobs > 0) return Math.max(1, Math.min(jobs, count, 4 * cpu.cores));
  if (count < WORKER_THRESHOLD) return 1;
  const idle = Math.floor(cpu.cores - cpu.load);
  return Math.max(1, Math.min(idle, 8, Math.floor(count / FILES_PER_WORKER)));
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

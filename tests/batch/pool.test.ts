import { describe, expect, it } from 'vitest';
import { DiscardedError, InlineExecutor, runPool, ThreadExecutor, WorkerCrashError, type Outcome } from '../../src/batch/pool.js';

function counting(n: number) {
  let pulled = 0;
  const source: Iterator<number> = {
    next: () => (pulled < n ? { done: false, value: pulled++ } : { done: true, value: undefined }),
  };
  return { source, pulled: () => pulled };
}

describe('runPool', () => {
  it('keeps at most `capacity` tasks in flight and pulls the source only when a slot frees', async () => {
    let inFlight = 0;
    let peak = 0;
    const { source, pulled } = counting(50);
    const pulledWhenStarted: number[] = [];
    const executor = new InlineExecutor<number, number>(async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      pulledWhenStarted.push(pulled());
      await new Promise((resolve) => setTimeout(resolve, 1 + (n % 3)));
      inFlight--;
      return n * 2;
    }, 4);
    const results = new Map<number, Outcome<number>>();
    const { stopped } = await runPool({ source, executor, onResult: (task, outcome) => void results.set(task, outcome) });
    expect(stopped).toBe(false);
    expect(peak).toBe(4);
    expect(results.size).toBe(50);
    expect(results.get(7)).toEqual({ ok: true, value: 14 });
    // Never more than capacity tasks pulled ahead of the ones finished.
    pulledWhenStarted.forEach((count, index) => expect(count - index).toBeLessThanOrEqual(4));
  });

  it('stops pulling on the signal and lets the tasks in flight finish', async () => {
    const stop = new AbortController();
    const { source, pulled } = counting(100);
    const done: number[] = [];
    const executor = new InlineExecutor<number, number>(async (n) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return n;
    }, 3);
    const { stopped } = await runPool({
      source,
      executor,
      signal: stop.signal,
      onResult: (task) => {
        done.push(task);
        if (done.length === 5) stop.abort();
      },
    });
    expect(stopped).toBe(true);
    expect(done.length).toBe(pulled()); // every started task finished
    expect(pulled()).toBeLessThanOrEqual(5 + 3);
  });

  it('discards the tasks in flight on the discard signal', async () => {
    const discard = new AbortController();
    const { source } = counting(10);
    const outcomes: Outcome<number>[] = [];
    const executor = new InlineExecutor<number, number>(() => new Promise(() => setTimeout(() => discard.abort(), 1)), 2);
    const { stopped } = await runPool({ source, executor, discardSignal: discard.signal, onResult: (_t, o) => void outcomes.push(o) });
    expect(stopped).toBe(true);
    expect(outcomes).toHaveLength(2);
    for (const outcome of outcomes) expect(outcome.ok === false && outcome.error instanceof DiscardedError).toBe(true);
  });
});

describe('ThreadExecutor', () => {
  const workerUrl = new URL('../fixtures/batch/echo-worker.mjs', import.meta.url);

  it('spreads tasks over the worker threads and returns their results', async () => {
    const executor = new ThreadExecutor<{ n: number }, { n: number; doubled: number; thread: number; tag: string }>({ workerUrl, workerData: { tag: 'x' }, jobs: 2 });
    expect(executor.capacity).toBe(4);
    const { source } = (() => {
      let i = 0;
      return { source: { next: () => (i < 20 ? { done: false as const, value: { n: i++ } } : { done: true as const, value: undefined }) } };
    })();
    const results: { n: number; doubled: number; thread: number; tag: string }[] = [];
    await runPool({ source, executor, onResult: (_t, o) => void (o.ok && results.push(o.value)) });
    await executor.close('drain');
    expect(results.map((r) => r.doubled).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(new Set(results.map((r) => r.thread)).size).toBe(2);
    expect(new Set(results.map((r) => r.tag))).toEqual(new Set(['x']));
  });

  it('fails only the crashed worker\'s tasks and replaces the worker', async () => {
    const executor = new ThreadExecutor<{ n: number; crash?: boolean; delayMs?: number }, { doubled: number }>({ workerUrl, workerData: { tag: 'y' }, jobs: 2, perWorker: 1 });
    const crash = executor.run({ n: 1, crash: true });
    await expect(crash).rejects.toBeInstanceOf(WorkerCrashError);
    await expect(crash).rejects.toThrow('worker thread crashed: boom on 1');
    const after = await Promise.all([executor.run({ n: 2 }), executor.run({ n: 3 })]);
    expect(after.map((r) => r.doubled)).toEqual([4, 6]);
    await executor.close('drain');
  });

  it('discards in-flight tasks on close("discard")', async () => {
    const executor = new ThreadExecutor<{ n: number; delayMs?: number }, unknown>({ workerUrl, workerData: {}, jobs: 1 });
    const slow = executor.run({ n: 1, delayMs: 5000 });
    await executor.close('discard');
    await expect(slow).rejects.toBeInstanceOf(DiscardedError);
    await expect(executor.run({ n: 2 })).rejects.toBeInstanceOf(DiscardedError);
  });

  it('gives up on a worker that cannot start instead of restarting it forever', async () => {
    const broken = new URL('../fixtures/batch/broken-worker.mjs', import.meta.url);
    const executor = new ThreadExecutor<{ n: number }, unknown>({ workerUrl: broken, workerData: {}, jobs: 1, maxRestarts: 2 });
    const messages = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const error = (await executor.run({ n: i }).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(WorkerCrashError);
      messages.add(error.message.replace(/: .*$/, ''));
      if (error.message === 'every worker thread crashed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect([...messages].at(-1)).toBe('every worker thread crashed');
    await executor.close('drain');
  });
});

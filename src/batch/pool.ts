import { Worker, type ResourceLimits } from 'node:worker_threads';

/** Runs tasks somewhere (worker threads, or in this thread for tests) with a fixed capacity. */
export interface Executor<T, R> {
  /** How many tasks may be in flight at once. */
  readonly capacity: number;
  /** Resolves with the task's result; rejects when the executor lost the task (crash, discard). */
  run(task: T): Promise<R>;
  /** `drain`: stop once idle. `discard`: drop what is in flight (its promises reject with `DiscardedError`). */
  close(how: 'drain' | 'discard'): Promise<void>;
}

/** A task dropped because the batch was interrupted twice. */
export class DiscardedError extends Error {
  constructor() {
    super('discarded: the batch was interrupted');
    this.name = 'DiscardedError';
  }
}

/** A worker thread that died with tasks in flight. */
export class WorkerCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface RunPoolOptions<T, R> {
  /** Tasks, pulled one at a time only when there is room: memory stays bounded by the capacity. */
  source: Iterator<T>;
  executor: Executor<T, R>;
  /** Stop: start nothing new, let what is in flight finish. */
  signal?: AbortSignal;
  /** Discard: drop what is in flight now. */
  discardSignal?: AbortSignal;
  /** Called once per started task, in completion order. May be async; the pool awaits it. */
  onResult: (task: T, outcome: Outcome<R>) => void | Promise<void>;
}

/**
 * Streams tasks from `source` into `executor`, never more than its capacity in flight (the
 * bounded window gives backpressure: the source is only pulled when a slot frees up).
 * Returns whether the source was left unfinished because of `signal`.
 */
export async function runPool<T, R>(options: RunPoolOptions<T, R>): Promise<{ stopped: boolean }> {
  const { source, executor, signal, discardSignal, onResult } = options;
  const inFlight = new Set<Promise<void>>();
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onDiscard = () => {
    void executor.close('discard');
    poke();
  };
  signal?.addEventListener('abort', poke);
  if (discardSignal?.aborted) onDiscard();
  else discardSignal?.addEventListener('abort', onDiscard, { once: true });
  let stopped = false;
  try {
    for (;;) {
      if (signal?.aborted || discardSignal?.aborted) {
        stopped = true;
        break;
      }
      if (inFlight.size >= executor.capacity) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      const next = source.next();
      if (next.done) break;
      const task = next.value;
      const settled: Promise<void> = executor
        .run(task)
        .then(
          (value) => onResult(task, { ok: true, value }),
          (error: unknown) => onResult(task, { ok: false, error }),
        )
        .catch(() => undefined)
        .finally(() => {
          inFlight.delete(settled);
          poke();
        });
      inFlight.add(settled);
    }
    while (inFlight.size > 0) await Promise.race(inFlight);
  } finally {
    signal?.removeEventListener('abort', poke);
    discardSignal?.removeEventListener('abort', onDiscard);
  }
  return { stopped };
}

/** Runs tasks in this thread with `fn` (tests, `--jobs` experiments), `capacity` at a time. */
export class InlineExecutor<T, R> implements Executor<T, R> {
  private readonly pending = new Set<(error: unknown) => void>();
  constructor(
    private readonly fn: (task: T) => Promise<R>,
    readonly capacity: number,
  ) {}

  private closed = false;

  run(task: T): Promise<R> {
    if (this.closed) return Promise.reject(new DiscardedError());
    return new Promise<R>((resolve, reject) => {
      this.pending.add(reject);
      Promise.resolve()
        .then(() => this.fn(task))
        .then(resolve, reject)
        .finally(() => this.pending.delete(reject));
    });
  }

  async close(how: 'drain' | 'discard'): Promise<void> {
    this.closed = true;
    if (how === 'discard') {
      for (const reject of this.pending) reject(new DiscardedError());
      this.pending.clear();
    }
  }
}

/** Messages between the main thread and a batch worker. */
export type ToWorker<T> = { type: 'task'; seq: number; task: T };
export type FromWorker<R> = { type: 'result'; seq: number; result: R } | { type: 'ready' };

export interface ThreadExecutorOptions {
  /** The worker's module (compiled JS). */
  workerUrl: URL;
  /** Passed to every worker as `workerData`. */
  workerData: unknown;
  /** Worker threads (≥ 1). */
  jobs: number;
  /** Tasks queued in each worker at once, so a worker never waits for the main thread (default 2). */
  perWorker?: number;
  resourceLimits?: ResourceLimits;
  /** Replacements allowed for workers that crash before finishing a task (default 2 × jobs); then the remaining tasks fail. */
  maxRestarts?: number;
}

interface Slot<T, R> {
  worker: Worker;
  pending: Map<number, { task: T; resolve: (value: R) => void; reject: (error: unknown) => void }>;
  dead: boolean;
  /** Results this worker delivered: a worker that did work is always replaced after a crash. */
  completed: number;
}

/**
 * A fixed pool of worker threads. Each worker parses its fonts and guides once and keeps them;
 * the main thread sends small task descriptions and gets small results back (never PDF bytes).
 * A crashed worker fails only its in-flight tasks and is replaced.
 */
export class ThreadExecutor<T, R> implements Executor<T, R> {
  readonly capacity: number;
  private readonly slots: Slot<T, R>[] = [];
  private seq = 0;
  private restarts = 0;
  private closing = false;
  private readonly perWorker: number;
  private readonly maxRestarts: number;

  constructor(private readonly options: ThreadExecutorOptions) {
    const jobs = Math.max(1, Math.floor(options.jobs));
    this.perWorker = Math.max(1, options.perWorker ?? 2);
    this.capacity = jobs * this.perWorker;
    this.maxRestarts = options.maxRestarts ?? 2 * jobs;
    for (let i = 0; i < jobs; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot<T, R> {
    const worker = new Worker(this.options.workerUrl, {
      workerData: this.options.workerData,
      resourceLimits: this.options.resourceLimits,
      stdout: false,
      stderr: false,
    });
    const slot: Slot<T, R> = { worker, pending: new Map(), dead: false, completed: 0 };
    worker.on('message', (message: FromWorker<R>) => {
      if (message.type !== 'result') return;
      const entry = slot.pending.get(message.seq);
      if (!entry) return;
      slot.pending.delete(message.seq);
      slot.completed++;
      entry.resolve(message.result);
    });
    const die = (reason: string) => {
      if (slot.dead) return;
      slot.dead = true;
      const lost = [...slot.pending.values()];
      slot.pending.clear();
      for (const entry of lost) entry.reject(new WorkerCrashError(reason));
      if (!this.closing) {
        const index = this.slots.indexOf(slot);
        // A worker that crashes before finishing anything (a broken install) is replaced only a
        // few times, so a batch cannot loop forever restarting it.
        if (index >= 0 && (slot.completed > 0 || this.restarts < this.maxRestarts)) {
          if (slot.completed === 0) this.restarts++;
          this.slots[index] = this.spawn();
        }
      }
    };
    worker.on('error', (error) => die(`worker thread crashed: ${error instanceof Error ? error.message : String(error)}`));
    worker.on('exit', (code) => die(`worker thread exited with code ${code}`));
    return slot;
  }

  run(task: T): Promise<R> {
    if (this.closing) return Promise.reject(new DiscardedError());
    const alive = this.slots.filter((slot) => !slot.dead);
    if (alive.length === 0) return Promise.reject(new WorkerCrashError('every worker thread crashed'));
    let best = alive[0]!;
    for (const slot of alive) if (slot.pending.size < best.pending.size) best = slot;
    const seq = ++this.seq;
    return new Promise<R>((resolve, reject) => {
      best.pending.set(seq, { task, resolve, reject });
      best.worker.postMessage({ type: 'task', seq, task } satisfies ToWorker<T>);
    });
  }

  async close(how: 'drain' | 'discard'): Promise<void> {
    this.closing = true;
    const lost: { reject: (error: unknown) => void }[] = [];
    if (how === 'discard') {
      for (const slot of this.slots) {
        lost.push(...slot.pending.values());
        slot.pending.clear();
      }
    }
    for (const slot of this.slots) slot.dead = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    // Only now, with the threads gone, may the caller delete their staging files.
    for (const entry of lost) entry.reject(new DiscardedError());
  }
}

import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './pool.js';

/**
 * Serves tasks in a worker thread: each `task` message runs `handle` and answers with its result.
 * `handle` must not throw for a bad input (it returns a failed result); a throw is reported as a
 * failed result built by `onError`.
 */
export function serveTasks<T, R>(handle: (task: T) => Promise<R>, onError: (task: T, error: unknown) => R): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  port.on('message', (message: ToWorker<T>) => {
    if (message.type !== 'task') return;
    handle(message.task)
      .catch((error: unknown) => onError(message.task, error))
      .then((result) => port.postMessage({ type: 'result', seq: message.seq, result } satisfies FromWorker<R>));
  });
}

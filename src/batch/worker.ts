// The batch's worker thread: renders the items the main thread sends (see pool.ts, run.ts).
import { workerData } from 'node:worker_threads';
import { createItemRenderer } from './render-item.js';
import type { WorkerConfig, WorkResult, WorkTask } from './types.js';
import { serveTasks } from './worker-protocol.js';

const render = createItemRenderer(workerData as WorkerConfig);
serveTasks<WorkTask, WorkResult>(render, (_task, error) => ({
  status: 'failed',
  fileName: null,
  sha256: null,
  bytes: null,
  error: `internal error: ${(error as Error)?.message ?? String(error)}`,
}));

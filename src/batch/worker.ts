// The batch's worker thread: renders the items the main thread sends (see pool.ts, run.ts).
import { workerData } from 'node:worker_threads';
import { loadFace } from '../render/fonts.js';
import { createItemRenderer } from './render-item.js';
import type { WorkerConfig, WorkResult, WorkTask } from './types.js';
import { serveTasks } from './worker-protocol.js';

const render = createItemRenderer(workerData as WorkerConfig);
// The fonts are parsed as the thread starts, while the main thread still plans the batch.
// A font that cannot be read fails the items that need it, with the reason, not the thread.
try {
  for (const face of ['regular', 'bold', 'italic', 'boldItalic', 'mono'] as const) loadFace(face);
} catch {
  // reported by the first render
}
serveTasks<WorkTask, WorkResult>(render, (_task, error) => ({
  status: 'failed',
  fileName: null,
  sha256: null,
  bytes: null,
  error: `internal error: ${(error as Error)?.message ?? String(error)}`,
}));

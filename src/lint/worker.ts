// A lint worker thread: receives chunks of paths, answers with plain results.
import { parentPort, workerData } from 'node:worker_threads';
import { lintFileSync, type LintFileOptions } from './one.js';

export interface ChunkRequest {
  start: number;
  paths: string[];
}

export interface ChunkResponse {
  start: number;
  results: ReturnType<typeof lintFileSync>[];
}

const options = (workerData as { options: LintFileOptions }).options;

parentPort?.on('message', (request: ChunkRequest) => {
  const results = request.paths.map((path) => lintFileSync(path, options));
  parentPort?.postMessage({ start: request.start, results } satisfies ChunkResponse);
});

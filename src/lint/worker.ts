// A lint worker thread: receives chunks of paths, answers with plain results.
import { parentPort, workerData } from 'node:worker_threads';
import { lintFile, type LintFileOptions } from './one.js';

export interface ChunkRequest {
  start: number;
  paths: string[];
}

export interface ChunkResponse {
  start: number;
  results: Awaited<ReturnType<typeof lintFile>>[];
}

const options = (workerData as { options: LintFileOptions }).options;

parentPort?.on('message', async (request: ChunkRequest) => {
  const results = [];
  for (const path of request.paths) results.push(await lintFile(path, options));
  parentPort?.postMessage({ start: request.start, results } satisfies ChunkResponse);
});

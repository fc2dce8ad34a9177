import { cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerConfig, WorkResult, WorkTask } from '../../src/batch/types.js';
import { sha256 } from '../../src/batch/ids.js';

export const fixtures = fileURLToPath(new URL('../fixtures/batch/', import.meta.url));

/** A temp folder holding copies of the batch fixtures (guides/, candidates/). */
export async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'offerbrief-batch-'));
  await cp(join(fixtures, 'guides'), join(dir, 'guides'), { recursive: true });
  await cp(join(fixtures, 'candidates'), join(dir, 'candidates'), { recursive: true });
  return dir;
}

export const fakeTemplate = async () => ({ templateSha256: 'f'.repeat(64), date: '2026-01-15' });

const slug = (text: string) => text.toLowerCase().replace(/\.[a-z]+$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The fake's file name for a task: guide-region-candidate.pdf. */
export function fakeName(task: Pick<WorkTask, 'guideName' | 'candidateName' | 'region'>): string {
  return `${slug(basename(task.guideName))}-${slug(task.region)}-${slug(basename(task.candidateName))}.pdf`;
}

/** The fake's PDF bytes for a task. */
export function fakeBytes(task: Pick<WorkTask, 'id' | 'region'>, config: Pick<WorkerConfig, 'date'>): string {
  return `%PDF-fake ${task.id} ${task.region} ${config.date}\n`;
}

/**
 * A fake "render one item": fails guides whose name holds "bad" (like a lint refusal), writes a
 * small text file to the staging path otherwise. `calls` records every task it saw.
 */
export function fakeRenderer(options: { delayMs?: number; onStart?: (task: WorkTask) => void } = {}) {
  const calls: WorkTask[] = [];
  const render = async (task: WorkTask, config: WorkerConfig): Promise<WorkResult> => {
    calls.push(task);
    options.onStart?.(task);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (task.guideName.includes('bad') && !config.force) {
      return { status: 'failed', fileName: null, sha256: null, bytes: null, error: `${task.guideName}: 2 lint errors, expected none` };
    }
    const bytes = fakeBytes(task, config);
    await writeFile(task.stagingPath, bytes);
    return { status: 'rendered', fileName: fakeName(task), sha256: sha256(bytes), bytes: Buffer.byteLength(bytes), error: null };
  };
  return { render, calls };
}

/** Names of the files in a folder, sorted. */
export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

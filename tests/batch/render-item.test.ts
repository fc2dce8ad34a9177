// Issue #17: each profile is parsed once per batch, by the planner; the worker renders what it sent.
import { mkdir, mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createItemRenderer } from '../../src/batch/render-item.js';
import { runBatch } from '../../src/batch/run.js';
import type { WorkTask } from '../../src/batch/types.js';
import { readPdf } from '../render/pdf.js';

const guide = fileURLToPath(new URL('../fixtures/personalize/northwind.md', import.meta.url));
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A batch of one item (the northwind guide, one profile) whose item is rendered by `renderItem`. */
async function batchOfOne(renderItem: NonNullable<Parameters<typeof runBatch>[0]['renderItem']>) {
  const dir = await mkdtemp(join(tmpdir(), 'offerbrief-render-item-'));
  dirs.push(dir);
  await mkdir(join(dir, 'guides'));
  await mkdir(join(dir, 'candidates'));
  await cp(guide, join(dir, 'guides', 'northwind.md'));
  await writeFile(join(dir, 'candidates', 'casey.yaml'), 'name: Casey Dollars\nregion: New York\noffer: { base: 180000, equity: 160000 }\n');
  return runBatch({ cwd: dir, guides: ['guides'], candidates: ['candidates'], date: '2026-01-15', env: {}, out: 'out', renderItem });
}

describe('batch items carry the planner\'s parsed profile', () => {
  it('sends each task the parsed profile, and the worker renders it without parsing the file again', async () => {
    const tasks: WorkTask[] = [];
    const bytes: Uint8Array[] = [];
    const result = await batchOfOne(async (task, config) => {
      tasks.push(task);
      const render = createItemRenderer(config);
      const planned = await render(task);
      // The same item without the parsed profile: the worker parses the file, same bytes out.
      const parsedHere = await render({ ...task, candidate: undefined, stagingPath: `${task.stagingPath}.b` });
      expect(parsedHere.sha256).toBe(planned.sha256);
      bytes.push(await readFile(task.stagingPath));
      // A profile object the file does not hold: only its name can appear in the brief.
      const other = await render({ ...task, candidate: { ...task.candidate!, name: 'Planner Parsed' }, stagingPath: `${task.stagingPath}.c` });
      expect(other.status).toBe('rendered');
      expect((await readPdf(await readFile(`${task.stagingPath}.c`))).text).toContain('Planner Parsed');
      await rm(`${task.stagingPath}.b`);
      await rm(`${task.stagingPath}.c`);
      return planned;
    });
    expect(result.manifest.summary.rendered).toBe(1);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.candidate?.name).toBe('Casey Dollars');
    expect(tasks[0]!.candidate?.region).toBe('New York');
    expect((await readPdf(bytes[0]!)).text).toContain('Casey Dollars');
  });

  it('reads each guide once per worker: later items render the planned bytes even if the file changes', async () => {
    const result = await batchOfOne(async (task, config) => {
      const render = createItemRenderer(config);
      const first = await render(task);
      expect(first.status).toBe('rendered');
      // The guide changes on disk after this worker read it.
      const original = await readFile(task.guidePath, 'utf8');
      await writeFile(task.guidePath, original.replace(/Northwind/g, 'Southwind'));
      const again = await render({ ...task, stagingPath: `${task.stagingPath}.b` });
      expect(again.status).toBe('rendered');
      expect(again.sha256).toBe(first.sha256);
      await rm(`${task.stagingPath}.b`);
      // A worker that reads it only now finds other bytes than the plan's: that item fails.
      const late = await createItemRenderer(config)({ ...task, stagingPath: `${task.stagingPath}.c` });
      expect(late).toMatchObject({ status: 'failed', error: `${task.guideName}: changed while the batch ran; run the batch again` });
      await writeFile(task.guidePath, original);
      return first;
    });
    expect(result.manifest.summary.rendered).toBe(1);
  });
});

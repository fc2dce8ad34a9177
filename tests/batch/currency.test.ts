/**
 * batch with the real item renderer (in-process): an offer in another currency without a rate fails
 * only its items, with the fix in the reason; with a rate from the config it renders; every brief's
 * warnings are listed per item and counted in the summary.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createItemRenderer } from '../../src/batch/render-item.js';
import { parseManifest } from '../../src/batch/manifest.js';
import { runBatch } from '../../src/batch/run.js';

const guide = fileURLToPath(new URL('../fixtures/personalize/northwind.md', import.meta.url));
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setup(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'offerbrief-currency-'));
  dirs.push(dir);
  await mkdir(join(dir, 'guides'));
  await mkdir(join(dir, 'candidates'));
  await cp(guide, join(dir, 'guides', 'northwind.md'));
  await writeFile(join(dir, 'candidates', 'harper.yaml'), 'name: Harper Pounds\nregion: New York\noffer: { base: 170000, equity: 200000, currency: GBP }\n');
  await writeFile(join(dir, 'candidates', 'casey.yaml'), 'name: Casey Dollars\nregion: New York\noffer: { base: 180000, equity: 160000 }\n');
  return dir;
}

const run = (cwd: string, fx?: Record<string, number>) =>
  runBatch({
    cwd,
    guides: ['guides'],
    candidates: ['candidates'],
    regions: 'all',
    jobs: 1,
    template: 'one-page',
    date: '2026-12-02',
    ...(fx ? { fx } : {}),
    renderItem: (task, config) => createItemRenderer(config)(task),
  });

describe('batch and currencies', () => {
  it('fails the items of an offer in pounds without a rate, renders the rest, and lists each brief\'s warnings', async () => {
    const cwd = await setup();
    const result = await run(cwd);
    const manifest = parseManifest(await readFile(result.manifestPath, 'utf8'), 'manifest.json');
    const harper = manifest.items.filter((item) => item.candidate === 'candidates/harper.yaml');
    const casey = manifest.items.filter((item) => item.candidate === 'candidates/casey.yaml');
    expect(harper.map((item) => item.status)).toEqual(['failed', 'failed', 'failed']);
    const newYork = harper.find((item) => item.region === 'New York')!;
    expect(newYork.error).toBe(
      'candidates/harper.yaml: offer: the amounts are in GBP but the New York band is in USD, and no exchange rate is given; ' +
        'add fx: { "GBP/USD": <USD per GBP> } to the profile or the config (or set offer.currency if the amounts are in USD)',
    );
    expect(casey.map((item) => item.status)).toEqual(['rendered', 'rendered', 'rendered']);
    // Casey's New York offer (180K + 40K a year = 220K) is below the floor (294K): the brief says so, and the manifest too.
    expect(casey.find((item) => item.region === 'New York')?.warnings).toContain('the offer ($220K total comp) is below your floor by $74K');
    expect(manifest.summary.warnings).toBe(casey.reduce((sum, item) => sum + item.warnings.length, 0));
    expect(manifest.summary.failed).toBe(3);
  });

  it('renders them with a rate from the config', async () => {
    const cwd = await setup();
    const result = await run(cwd, { 'GBP/USD': 1.25 });
    const manifest = parseManifest(await readFile(result.manifestPath, 'utf8'), 'manifest.json');
    expect(manifest.summary).toMatchObject({ rendered: 6, failed: 0 });
    const harper = manifest.items.find((item) => item.candidate === 'candidates/harper.yaml' && item.region === 'New York')!;
    expect(harper.warnings).toContain('the offer is in GBP: converted to USD (£220K total comp ≈ $276K at 1.25 GBP/USD)');
  });
});

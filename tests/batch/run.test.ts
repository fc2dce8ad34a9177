import { readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { itemId } from '../../src/batch/ids.js';
import { parseManifest, type Manifest } from '../../src/batch/manifest.js';
import { mergeManifestFiles } from '../../src/batch/merge.js';
import { runBatch, type BatchOptions } from '../../src/batch/run.js';
import { fakeRenderer, fakeTemplate, listDir, workspace } from './helpers.js';
import { candidateHash } from '../../src/render/slug.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setup() {
  const dir = await workspace();
  dirs.push(dir);
  return dir;
}

function options(cwd: string, extra: Partial<BatchOptions> = {}): BatchOptions {
  return {
    cwd,
    guides: ['guides'],
    candidates: ['candidates'],
    regions: 'all',
    jobs: 3,
    resolveTemplate: fakeTemplate,
    ...extra,
  };
}

async function manifestAt(path: string): Promise<Manifest> {
  return parseManifest(await readFile(path, 'utf8'), path);
}

const rendered = [
  'acme-platform-austin-ana.pdf',
  'acme-platform-austin-ben.pdf',
  'acme-platform-austin-chloe.pdf',
  'acme-platform-seattle-ana.pdf',
  'acme-platform-seattle-ben.pdf',
  'acme-platform-seattle-chloe.pdf',
  'birch-data-austin-ana.pdf',
  'birch-data-austin-ben.pdf',
  'birch-data-austin-chloe.pdf',
  'birch-data-seattle-ana.pdf',
  'birch-data-seattle-ben.pdf',
  'birch-data-seattle-chloe.pdf',
];

describe('runBatch (fake renderer)', () => {
  it('renders guides × candidates × regions; a bad guide and a bad candidate fail only their items', async () => {
    const cwd = await setup();
    const fake = fakeRenderer();
    const result = await runBatch(options(cwd, { renderItem: fake.render }));
    expect(result.interrupted).toBe(false);
    expect(result.manifest.summary).toEqual({ total: 19, rendered: 12, skipped: 0, failed: 7, warnings: 0, pending: 0 });
    expect(await listDir(join(cwd, 'out'))).toEqual([...rendered, 'manifest.json'].sort());
    expect(fake.calls).toHaveLength(18); // the bad candidate never reaches a renderer

    const manifest = await manifestAt(join(cwd, 'out', 'manifest.json'));
    expect(manifest).toEqual(result.manifest);
    expect(manifest.complete).toBe(true);
    expect(manifest.date).toBe('2026-01-15');
    expect(manifest.options).toEqual({ template: 'brief', regions: 'all', force: false });
    expect(manifest.items.map((item) => item.id)).toEqual(manifest.items.map((item) => item.id).sort());

    const broken = manifest.items.find((item) => item.candidate === 'candidates/broken.yaml')!;
    expect(broken).toMatchObject({ guide: null, region: null, status: 'failed', output: null });
    expect(broken.error).toBe('candidates/broken.yaml: offer.base: expected a number, received "lots"');

    const bad = manifest.items.filter((item) => item.guide === 'guides/bad-totals.md');
    expect(bad).toHaveLength(6);
    expect(new Set(bad.map((item) => item.error))).toEqual(new Set(['guides/bad-totals.md: 2 lint errors, expected none']));

    const ana = manifest.items.find((item) => item.id === itemId({ guide: 'guides/acme-platform.md', candidate: 'candidates/ana.yaml', region: 'Seattle' }))!;
    expect(ana.status).toBe('rendered');
    expect(ana.output).toBe('acme-platform-seattle-ana.pdf');
    const bytes = await readFile(join(cwd, 'out', ana.output!), 'utf8');
    expect(bytes).toBe(`%PDF-fake ${ana.id} Seattle 2026-01-15\n`);
    expect(ana.bytes).toBe(Buffer.byteLength(bytes));
    expect(ana.inputs.template).toBe('f'.repeat(64));
    expect(ana.key).toMatch(/^[0-9a-f]{64}$/);
    expect(result.failures.map((entry) => entry.id)).toEqual(manifest.items.filter((item) => item.status === 'failed').map((item) => item.id));
  });

  it('skips every up-to-date item on a second run and renders only what changed', async () => {
    const cwd = await setup();
    await runBatch(options(cwd, { renderItem: fakeRenderer().render }));
    const first = await manifestAt(join(cwd, 'out', 'manifest.json'));

    const again = fakeRenderer();
    const second = await runBatch(options(cwd, { renderItem: again.render }));
    expect(second.manifest.summary).toEqual({ total: 19, rendered: 0, skipped: 12, failed: 7, warnings: 0, pending: 0 });
    // Only the failed items are tried again (the bad guide's six; the bad candidate fails in planning).
    expect(again.calls.map((task) => task.guideName)).toEqual(Array(6).fill('guides/bad-totals.md'));
    for (const item of second.manifest.items.filter((entry) => entry.status === 'skipped')) {
      const before = first.items.find((entry) => entry.id === item.id)!;
      expect({ ...item, status: 'rendered' }).toEqual(before);
    }

    // A changed candidate re-renders its items only (2 guides × 2 regions that render).
    await appendFile(join(cwd, 'candidates', 'ben.yaml'), 'facts: ["Owns the nightly claims load"]\n');
    const third = fakeRenderer();
    const result = await runBatch(options(cwd, { renderItem: third.render }));
    expect(result.manifest.summary).toMatchObject({ rendered: 4, skipped: 8, failed: 7 });
    expect(new Set(third.calls.filter((t) => !t.guideName.includes('bad')).map((task) => task.candidateName))).toEqual(new Set(['candidates/ben.yaml']));

    // A deleted output is rendered again; a new date renders everything again.
    await rm(join(cwd, 'out', 'birch-data-austin-ana.pdf'));
    expect((await runBatch(options(cwd, { renderItem: fakeRenderer().render }))).manifest.summary).toMatchObject({ rendered: 1, skipped: 11 });
    const newDate = await runBatch(options(cwd, { renderItem: fakeRenderer().render, resolveTemplate: async () => ({ templateSha256: 'f'.repeat(64), date: '2026-02-01' }) }));
    expect(newDate.manifest.summary).toMatchObject({ rendered: 12, skipped: 0 });
  });

  it('--force renders everything again, bad guides too', async () => {
    const cwd = await setup();
    await runBatch(options(cwd, { renderItem: fakeRenderer().render }));
    const forced = await runBatch(options(cwd, { renderItem: fakeRenderer().render, force: true }));
    expect(forced.manifest.summary).toEqual({ total: 19, rendered: 18, skipped: 0, failed: 1, warnings: 0, pending: 0 });
    expect(forced.manifest.options.force).toBe(true);
  });

  it('plans from each profile\'s guide field and region by default', async () => {
    const cwd = await setup();
    const fake = fakeRenderer();
    const result = await runBatch({ cwd, candidates: ['candidates'], jobs: 2, resolveTemplate: fakeTemplate, renderItem: fake.render });
    expect(result.manifest.summary).toEqual({ total: 4, rendered: 3, skipped: 0, failed: 1, warnings: 0, pending: 0 });
    expect(result.manifest.items.filter((item) => item.status === 'rendered').map((item) => item.output).sort()).toEqual([
      'acme-platform-seattle-ana.pdf',
      'acme-platform-seattle-chloe.pdf',
      'birch-data-austin-ben.pdf',
    ]);
    const broken = result.manifest.items.find((item) => item.status === 'failed')!;
    expect(broken.candidate).toBe('candidates/broken.yaml');
  });

  it('named regions: a region the guide lacks fails in the renderer; a profile with no guide fails with a reason', async () => {
    const cwd = await setup();
    await writeFile(join(cwd, 'candidates', 'nog.yaml'), 'name: No Guide\nregion: Austin\n');
    const result = await runBatch({ cwd, candidates: ['candidates/nog.yaml', 'candidates/ana.yaml'], regions: ['Austin', 'Austin'], jobs: 1, resolveTemplate: fakeTemplate, renderItem: fakeRenderer().render });
    expect(result.manifest.items.map((item) => [item.candidate, item.region, item.status])).toEqual(
      expect.arrayContaining([
        ['candidates/ana.yaml', 'Austin', 'rendered'],
        ['candidates/nog.yaml', null, 'failed'],
      ]),
    );
    expect(result.manifest.summary.total).toBe(2);
    expect(result.failures[0]!.error).toBe('candidates/nog.yaml: no guide, expected a "guide" field in the profile or --guides PATHS');
  });

  it('gives an item whose output file another item already wrote the candidate hash instead of failing it (#12 case 2)', async () => {
    const cwd = await setup();
    await writeFile(join(cwd, 'candidates', 'ana2.yaml'), 'name: Ana Two\nregion: Seattle\nguide: ../guides/acme-platform.md\n');
    const fake = fakeRenderer();
    const result = await runBatch({
      cwd,
      candidates: ['candidates/ana.yaml', 'candidates/ana2.yaml'],
      jobs: 1,
      resolveTemplate: fakeTemplate,
      renderItem: async (task, config) => {
        const r = await fake.render(task, config);
        return { ...r, fileName: 'same.pdf' };
      },
    });
    expect(result.manifest.summary).toMatchObject({ rendered: 2, failed: 0 });
    const hashed = `same-${candidateHash('candidates/ana2.yaml')}.pdf`;
    expect(result.manifest.items.map((e) => [e.candidate, e.output]).sort()).toEqual([
      ['candidates/ana.yaml', 'same.pdf'],
      ['candidates/ana2.yaml', hashed],
    ]);
    expect(await listDir(join(cwd, 'out'))).toEqual(['manifest.json', 'same.pdf', hashed].sort());
  });

  it('shards 1/2 and 2/2 together make the whole batch, and merge into its manifest', async () => {
    const cwd = await setup();
    const whole = await runBatch(options(cwd, { out: 'whole', renderItem: fakeRenderer().render }));
    const one = await runBatch(options(cwd, { out: 'sharded', shard: { index: 1, count: 2 }, renderItem: fakeRenderer().render }));
    const two = await runBatch(options(cwd, { out: 'sharded', shard: { index: 2, count: 2 }, renderItem: fakeRenderer().render }));
    expect(one.manifestPath).toBe(join(cwd, 'sharded', 'manifest.shard-1-of-2.json'));
    expect(two.manifestPath).toBe(join(cwd, 'sharded', 'manifest.shard-2-of-2.json'));
    const ids1 = one.manifest.items.map((item) => item.id);
    const ids2 = two.manifest.items.map((item) => item.id);
    expect(ids1.length).toBeGreaterThan(0);
    expect(ids2.length).toBeGreaterThan(0);
    expect(ids1.filter((id) => ids2.includes(id))).toEqual([]);
    expect([...ids1, ...ids2].sort()).toEqual(whole.manifest.items.map((item) => item.id));
    expect(one.manifest.summary.total + two.manifest.summary.total).toBe(19);
    expect((await listDir(join(cwd, 'sharded'))).filter((name) => name.endsWith('.pdf'))).toEqual(rendered);

    const merged = await mergeManifestFiles({ cwd, out: 'sharded', manifests: [] });
    expect(merged.path).toBe(join(cwd, 'sharded', 'manifest.json'));
    expect(merged.manifest.mergedFrom).toEqual(['manifest.shard-1-of-2.json', 'manifest.shard-2-of-2.json']);
    expect(merged.manifest.items).toEqual(whole.manifest.items);
    expect(merged.manifest.summary).toEqual(whole.manifest.summary);
    expect(merged.manifest.complete).toBe(true);

    // A shard run after the merge finds its items up to date in manifest.json.
    const rerun = await runBatch(options(cwd, { out: 'sharded', shard: { index: 2, count: 2 }, renderItem: fakeRenderer().render }));
    expect(rerun.manifest.summary.rendered).toBe(0);
  });

  it('stops on a signal: finishes the items in flight, leaves no staging file, writes a resumable manifest', async () => {
    const cwd = await setup();
    const stop = new AbortController();
    let results = 0;
    const fake = fakeRenderer({ delayMs: 5 });
    const result = await runBatch(
      options(cwd, {
        jobs: 2,
        renderItem: fake.render,
        signal: stop.signal,
        onProgress: () => {
          if (++results === 3) stop.abort();
        },
      }),
    );
    expect(result.interrupted).toBe(true);
    const manifest = await manifestAt(join(cwd, 'out', 'manifest.json'));
    expect(manifest.complete).toBe(false);
    expect(manifest.summary.pending).toBe(19 - manifest.items.length);
    expect(manifest.items.length).toBeLessThan(19);
    // Everything started was finished and recorded.
    const byId = new Map(manifest.items.map((item) => [item.id, item]));
    for (const task of fake.calls) expect(['rendered', 'failed']).toContain(byId.get(task.id)?.status);
    const files = await listDir(join(cwd, 'out'));
    expect(files.filter((name) => name.startsWith('.'))).toEqual([]);
    for (const item of manifest.items.filter((entry) => entry.status === 'rendered')) expect(files).toContain(item.output);

    const resumed = fakeRenderer();
    const again = await runBatch(options(cwd, { renderItem: resumed.render }));
    const done = manifest.items.filter((item) => item.status === 'rendered').length;
    expect(again.manifest.summary).toEqual({ total: 19, rendered: 12 - done, skipped: done, failed: 7, warnings: 0, pending: 0 });
    expect(again.manifest.complete).toBe(true);
  });

  it('a second signal discards the items in flight and removes their staging files', async () => {
    const cwd = await setup();
    const stop = new AbortController();
    const discard = new AbortController();
    let started = 0;
    const result = await runBatch(
      options(cwd, {
        jobs: 2,
        signal: stop.signal,
        discardSignal: discard.signal,
        renderItem: async (task) => {
          await writeFile(task.stagingPath, '%PDF-partial');
          if (++started === 2) {
            stop.abort();
            discard.abort();
          }
          return new Promise(() => undefined); // never finishes
        },
      }),
    );
    expect(result.interrupted).toBe(true);
    expect(result.manifest.items.filter((item) => item.status === 'rendered')).toEqual([]);
    expect((await listDir(join(cwd, 'out'))).filter((name) => name !== 'manifest.json')).toEqual([]);
  });

  it('removes staging files a killed batch left, and ignores a corrupt manifest', async () => {
    const cwd = await setup();
    await runBatch(options(cwd, { renderItem: fakeRenderer().render }));
    const id = itemId({ guide: 'guides/acme-platform.md', candidate: 'candidates/ana.yaml', region: 'Seattle' });
    await writeFile(join(cwd, 'out', `.offerbrief-${id}.partial`), 'half a pdf');
    await writeFile(join(cwd, 'out', 'manifest.json'), '{"tool": "offerbrief"');
    const result = await runBatch(options(cwd, { renderItem: fakeRenderer().render }));
    expect(result.notes).toEqual([
      `removed 1 temporary file(s) an interrupted batch left in ${join(cwd, 'out')}`,
      expect.stringMatching(/^ignoring the earlier manifest: .*manifest\.json: unexpected text, expected a JSON manifest/),
    ]);
    expect(result.manifest.summary.rendered).toBe(12);
    expect((await listDir(join(cwd, 'out'))).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

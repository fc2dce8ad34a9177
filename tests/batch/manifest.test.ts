import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheKey, entryBytesCache, formatManifest, manifestPieces, mergeManifests, parseManifest, writeManifest, type Manifest, type ManifestEntry } from '../../src/batch/manifest.js';
import { mergeManifestFiles } from '../../src/batch/merge.js';
import { InputError, UsageError } from '../../src/errors.js';
import { sha256 } from '../../src/batch/ids.js';

function entry(id: string, output: string | null, status: ManifestEntry['status'] = 'rendered'): ManifestEntry {
  return {
    id,
    guide: 'guides/g.md',
    candidate: `candidates/${id}.yaml`,
    region: 'Seattle',
    status,
    output,
    sha256: output ? 'a'.repeat(64) : null,
    bytes: output ? 100 : null,
    error: status === 'failed' ? 'bad' : null,
    warnings: [],
    key: 'k'.repeat(64),
    inputs: { guide: 'g'.repeat(64), candidate: 'c'.repeat(64), template: 't'.repeat(64) },
  };
}

/** Writes the entry's PDF (fake bytes) beside its manifest and records their size and sha256. */
async function onDisk(folder: string, e: ManifestEntry): Promise<ManifestEntry> {
  const bytes = `%PDF-fake ${e.id}\n`;
  await writeFile(join(folder, e.output!), bytes);
  return { ...e, sha256: sha256(bytes), bytes: Buffer.byteLength(bytes) };
}

function manifest(index: number, count: number, items: ManifestEntry[], extra: Partial<Manifest> = {}): Manifest {
  const rendered = items.filter((i) => i.status === 'rendered').length;
  const failed = items.filter((i) => i.status === 'failed').length;
  return {
    tool: 'offerbrief',
    manifestVersion: 1,
    version: '0.1.0',
    date: '2026-01-15',
    options: { template: 'brief', regions: null, force: false },
    shard: count > 1 ? { index, count } : null,
    mergedFrom: [],
    complete: true,
    summary: { total: items.length, rendered, skipped: 0, failed, warnings: 0, pending: 0 },
    items,
    ...extra,
  };
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('manifest', () => {
  it('is written in pieces that make exactly formatManifest\'s text', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const item = fc.record({ id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 16 }), warnings: fc.array(text, { maxLength: 3 }), error: fc.option(text), region: fc.option(text), candidate: text });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 230 }), fc.option(fc.record({ index: fc.nat(9), count: fc.nat(9) })), (items, shard) => {
        const m = manifest(0, 1, items.map((i) => ({ ...entry(i.id, 'x.pdf'), ...i })), { shard });
        const pieces = [...manifestPieces(m)];
        expect(Buffer.concat(pieces).toString('utf8')).toBe(formatManifest(m));
        // ~100 entries a piece: no piece holds the whole list.
        expect(pieces.length).toBe(Math.floor(items.length / 100) + 1);
      }),
      { numRuns: 60 },
    );
    const dir = await mkdtemp(join(tmpdir(), 'offerbrief-manifest-'));
    dirs.push(dir);
    const m = manifest(0, 1, Array.from({ length: 250 }, (_, i) => entry(String(i).padStart(4, '0'), `${i}.pdf`)));
    await writeManifest(join(dir, 'manifest.json'), m);
    expect(await readFile(join(dir, 'manifest.json'), 'utf8')).toBe(formatManifest(m));
  });

  it('formats a running batch\'s entries once and still writes exactly formatManifest\'s text as the batch grows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'offerbrief-manifest-'));
    dirs.push(dir);
    const bytesOf = entryBytesCache();
    const all = Array.from({ length: 320 }, (_, i) => entry(String(i).padStart(4, '0'), `${i}.pdf`));
    // Entries arrive out of order; each write sorts them and has a new summary and head.
    const arrived: ManifestEntry[] = [];
    for (const [index, next] of [[0, 90], [90, 210], [210, 320]] as const) {
      arrived.push(...all.slice(index, next).reverse());
      const m = manifest(0, 1, [...arrived].sort((a, b) => (a.id < b.id ? -1 : 1)), { complete: next === 320 });
      await writeManifest(join(dir, 'manifest.json'), m, bytesOf);
      expect(await readFile(join(dir, 'manifest.json'), 'utf8')).toBe(formatManifest(m));
    }
    // The same object gives the cached text; a changed entry is a new object, so it is formatted anew.
    expect(bytesOf(all[5]!)).toBe(bytesOf(all[5]!));
    const changed = { ...all[5]!, status: 'failed' as const, output: null, sha256: null, bytes: null, error: 'boom' };
    expect(Buffer.from(bytesOf(changed)).toString('utf8')).toContain('"error": "boom"');
  });

  it('round-trips through its JSON text, and refuses what is not a manifest', () => {
    const m = manifest(1, 2, [entry('b', 'b.pdf'), entry('a', null, 'failed')]);
    expect(parseManifest(formatManifest(m), 'm.json')).toEqual(m);
    expect(formatManifest(m).endsWith('}\n')).toBe(true);
    expect(() => parseManifest('{"tool":"offerbrief","manifestVersion":2}', 'm.json')).toThrow(
      'm.json: manifestVersion: Invalid input: expected 1; expected a manifest written by offerbrief batch (manifestVersion 1)',
    );
    expect(() => parseManifest('nope', 'm.json')).toThrow(InputError);
  });

  it('keys the cache on every input', () => {
    const base = { guideSha256: 'g', candidateSha256: 'c', templateSha256: 't', version: '0.1.0', region: 'Seattle', date: '2026-01-15', options: { template: 'brief' } };
    const key = cacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    for (const change of [{ guideSha256: 'G' }, { candidateSha256: 'C' }, { templateSha256: 'T' }, { version: '0.2.0' }, { region: 'Austin' }, { date: '2026-01-16' }, { options: { template: 'one-page' } }]) {
      expect(cacheKey({ ...base, ...change })).not.toBe(key);
    }
  });

  it('merges shards: entries sorted by id, summary added up', () => {
    const merged = mergeManifests([
      { name: 'manifest.shard-2-of-2.json', manifest: manifest(2, 2, [entry('c', 'c.pdf'), entry('a', null, 'failed')]) },
      { name: 'manifest.shard-1-of-2.json', manifest: manifest(1, 2, [entry('b', 'b.pdf')]) },
    ]);
    expect(merged.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(merged.summary).toEqual({ total: 3, rendered: 2, skipped: 0, failed: 1, warnings: 0, pending: 0 });
    expect(merged.shard).toBeNull();
    expect(merged.complete).toBe(true);
    expect(merged.mergedFrom).toEqual(['manifest.shard-2-of-2.json', 'manifest.shard-1-of-2.json']);
  });

  it('refuses shards that do not fit together, naming every problem', () => {
    const run = () =>
      mergeManifests([
        { name: 's1', manifest: manifest(1, 3, [entry('a', 'x.pdf')]) },
        { name: 's1b', manifest: manifest(1, 3, [entry('a', 'a.pdf')], { date: '2026-02-01' }) },
        { name: 's2', manifest: manifest(2, 3, [entry('b', 'x.pdf')], { complete: false }) },
      ]);
    expect(run).toThrow(InputError);
    expect(run).toThrow(
      [
        'cannot merge the manifests:',
        '  s1b: date 2026-02-01, expected 2026-01-15 like s1',
        '  s1b: shard 1/3 again (also s1)',
        '  s2: an interrupted run (0 items pending); run that shard again, or pass --allow-partial',
        '  shard 3/3 is missing; pass its manifest, or --allow-partial',
        '  s1b: item a (guides/g.md × candidates/a.yaml (Seattle)) is also in s1',
        '  s2: item b writes x.pdf, like item a of s1',
      ].join('\n'),
    );
    const partial = mergeManifests([{ name: 's1', manifest: manifest(1, 3, [entry('a', 'a.pdf')]) }], { allowPartial: true });
    expect(partial.complete).toBe(false);
    expect(partial.items).toHaveLength(1);
  });

  it('merges files from several folders, rewriting output paths relative to the merged manifest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'offerbrief-merge-'));
    dirs.push(dir);
    await mkdir(join(dir, 'm1'));
    await mkdir(join(dir, 'm2'));
    await writeFile(join(dir, 'm1', 'manifest.shard-1-of-2.json'), formatManifest(manifest(1, 2, [await onDisk(join(dir, 'm1'), entry('a', 'a.pdf'))])));
    await writeFile(join(dir, 'm2', 'manifest.shard-2-of-2.json'), formatManifest(manifest(2, 2, [await onDisk(join(dir, 'm2'), entry('b', 'b.pdf'))])));
    const { path, manifest: merged } = await mergeManifestFiles({ cwd: dir, out: 'all.json', manifests: ['m1/manifest.shard-1-of-2.json', 'm2/manifest.shard-2-of-2.json'] });
    expect(path).toBe(join(dir, 'all.json'));
    expect(merged.items.map((i) => i.output)).toEqual(['m1/a.pdf', 'm2/b.pdf']);
    expect(merged.mergedFrom).toEqual(['m1/manifest.shard-1-of-2.json', 'm2/manifest.shard-2-of-2.json']);
    expect(parseManifest(await readFile(path, 'utf8'), path)).toEqual(merged);
    await expect(mergeManifestFiles({ cwd: dir, out: 'm1', manifests: [] })).rejects.toThrow(InputError); // shard 2/2 missing there
    await expect(mergeManifestFiles({ cwd: dir, out: 'x.json', manifests: [] })).rejects.toThrow(UsageError);
    await expect(mergeManifestFiles({ cwd: dir, out: 'all.json', manifests: ['nope.json'] })).rejects.toThrow('nope.json: no such file or folder');
  });

  it('does not trust a manifest: outputs outside its folder, deleted or altered PDFs are reported (#12 case 7)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'offerbrief-merge-'));
    dirs.push(dir);
    await mkdir(join(dir, 'm1'));
    const a = await onDisk(join(dir, 'm1'), entry('a', 'a.pdf'));
    const b = await onDisk(join(dir, 'm1'), entry('b', 'b.pdf'));
    const c = await onDisk(join(dir, 'm1'), entry('c', 'c.pdf'));
    const evil = { ...entry('d', '../../../../etc/passwd'), bytes: 100 };
    await writeFile(join(dir, 'm1', 'manifest.json'), formatManifest(manifest(1, 1, [a, b, c, evil])));
    await rm(join(dir, 'm1', 'b.pdf'));
    await writeFile(join(dir, 'm1', 'c.pdf'), '%PDF-fake X\n'); // same size, other bytes
    await expect(mergeManifestFiles({ cwd: dir, out: 'all.json', manifests: ['m1/manifest.json'] })).rejects.toThrow(
      new InputError(
        [
          'cannot merge the manifests:',
          '  m1/manifest.json: item b: m1/b.pdf is missing or not the file rendered (size or sha256 differ); run that batch again',
          '  m1/manifest.json: item c: m1/c.pdf is missing or not the file rendered (size or sha256 differ); run that batch again',
          `  m1/manifest.json: item d: output "../../../../etc/passwd" is outside m1, expected a file in the manifest's folder`,
        ].join('\n'),
      ),
    );
  });
});

// End to end through the compiled CLI (dist/, built by `npm test`): real parser, linter, personalize and render.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/batch/manifest.js';
import { sha256 } from '../../src/batch/ids.js';
import { workspace } from './helpers.js';

const bin = fileURLToPath(new URL('../../bin/offerbrief.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/cli/commands/batch.js', import.meta.url)));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(cwd: string, args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, SOURCE_DATE_EPOCH: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const pdfs = [
  'acme-robotics-platform-engineer-austin-ana-lima.pdf',
  'acme-robotics-platform-engineer-austin-ben-okafor.pdf',
  'acme-robotics-platform-engineer-austin-chloe-martin.pdf',
  'acme-robotics-platform-engineer-seattle-ana-lima.pdf',
  'acme-robotics-platform-engineer-seattle-ben-okafor.pdf',
  'acme-robotics-platform-engineer-seattle-chloe-martin.pdf',
  'birch-health-data-engineer-austin-ana-lima.pdf',
  'birch-health-data-engineer-austin-ben-okafor.pdf',
  'birch-health-data-engineer-austin-chloe-martin.pdf',
  'birch-health-data-engineer-seattle-ana-lima.pdf',
  'birch-health-data-engineer-seattle-ben-okafor.pdf',
  'birch-health-data-engineer-seattle-chloe-martin.pdf',
];

describe.skipIf(!built)('offerbrief batch (compiled CLI)', () => {
  it('renders the batch, fails the bad guide and the bad candidate, exits 1; a second run skips everything', async () => {
    const cwd = await workspace();
    dirs.push(cwd);
    const args = ['batch', '--guides', 'guides', '--regions', 'all', '--date', '2026-01-15', '--jobs', '2', '--quiet'];
    const first = await start(cwd, args).done;
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(first.stdout.split('\n')[0]).toMatch(/^offerbrief batch: 12 rendered, 0 skipped, 7 failed of 19 items \(\d+ warnings printed in the briefs; see the manifest\) in \S+ \([\d.]+ briefs\/s\); manifest out\/manifest\.json$/);
    expect(first.stdout).toContain('\n    candidates/broken.yaml: offer.base: expected a number, received "lots"\n');
    expect(first.stdout).toContain(
      '\n    guides/bad-totals.md: 2 lint errors, expected none (fix them, or pass --force to render anyway):\n    guides/bad-totals.md:7:45  Unexpected total comp low $400K, expected $175K ($150K + $100K/4yr)  tc-mismatch\n',
    );
    const out = join(cwd, 'out');
    expect((await readdir(out)).sort()).toEqual([...pdfs, 'manifest.json']);
    const manifest = parseManifest(await readFile(join(out, 'manifest.json'), 'utf8'), 'manifest.json');
    const warned = manifest.items.filter((entry) => entry.status !== 'failed').reduce((sum, entry) => sum + entry.warnings.length, 0);
    expect(manifest.summary).toEqual({ total: 19, rendered: 12, skipped: 0, failed: 7, warnings: warned, pending: 0 });
    // Each rendered brief's warnings are listed per item (the unfilled slots of these profiles among them).
    expect(warned).toBeGreaterThan(0);
    expect(manifest.items.filter((entry) => entry.status === 'failed').every((entry) => entry.warnings.length === 0)).toBe(true);
    for (const item of manifest.items.filter((entry) => entry.status === 'rendered')) {
      const bytes = await readFile(join(out, item.output!));
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(item.sha256).toBe(sha256(bytes));
      expect(item.bytes).toBe(bytes.byteLength);
    }

    // The same bytes as `offerbrief render` for the same inputs and date.
    const single = await start(cwd, ['render', '-c', 'candidates/ana.yaml', '--date', '2026-01-15', '--out', 'single']).done;
    expect(single.code).toBe(0);
    const name = 'acme-robotics-platform-engineer-seattle-ana-lima.pdf';
    expect(sha256(await readFile(join(cwd, 'single', name)))).toBe(manifest.items.find((item) => item.output === name)!.sha256);

    const second = await start(cwd, args).done;
    expect(second.code).toBe(1);
    expect(second.stdout.split('\n')[0]).toMatch(/^offerbrief batch: 0 rendered, 12 skipped, 7 failed of 19 items/);
    const again = parseManifest(await readFile(join(out, 'manifest.json'), 'utf8'), 'manifest.json');
    expect(again.items.map((item) => [item.id, item.sha256])).toEqual(manifest.items.map((item) => [item.id, item.sha256]));

    // Without --quiet, stdout lists the batch's PDFs (up to date ones too), then the summary.
    const listed = await start(cwd, args.filter((arg) => arg !== '--quiet')).done;
    const lines = listed.stdout.split('\n');
    expect(lines.slice(0, 12)).toEqual(manifest.items.filter((item) => item.status !== 'failed').map((item) => `out/${item.output}`));
    expect(lines[12]).toMatch(/^offerbrief batch: 0 rendered, 12 skipped, 7 failed of 19 items/);
  }, 120_000);

  it('SIGINT mid-batch: exit 130, no partial PDF, a valid manifest; running again resumes', async () => {
    const cwd = await workspace();
    dirs.push(cwd);
    const out = join(cwd, 'out');
    const args = ['batch', '--guides', 'guides/acme-platform.md,guides/birch-data.md', '--candidates', 'candidates/ana.yaml,candidates/ben.yaml,candidates/chloe.json', '--regions', 'all', '--date', '2026-01-15', '--jobs', '1'];
    const run = start(cwd, args);
    // Wait for the first finished PDF (renamed into place whole), then interrupt.
    let exited = false;
    void run.done.then(() => (exited = true));
    for (;;) {
      const names = await readdir(out).catch(() => [] as string[]);
      if (names.some((name) => name.endsWith('.pdf'))) break;
      if (exited) throw new Error(`the batch ended before its first PDF: ${(await run.done).stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('offerbrief batch: SIGINT: finishing the items in flight, then writing the manifest (send it again to discard them)');
    expect(result.stdout).toMatch(/offerbrief batch: interrupted with \d+ items? pending; run the same command again to resume/);

    const names = await readdir(out);
    expect(names.filter((name) => name.startsWith('.') || !/\.(pdf|json)$/.test(name))).toEqual([]);
    const manifest = parseManifest(await readFile(join(out, 'manifest.json'), 'utf8'), 'manifest.json');
    expect(manifest.complete).toBe(false);
    const done = manifest.items.filter((item) => item.status === 'rendered');
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(12);
    expect(manifest.summary).toMatchObject({ total: 12, rendered: done.length, skipped: 0, failed: 0, pending: 12 - done.length });
    expect(names.filter((name) => name.endsWith('.pdf')).sort()).toEqual(done.map((item) => item.output).sort());
    for (const item of done) expect(sha256(await readFile(join(out, item.output!)))).toBe(item.sha256);

    const resumed = await start(cwd, [...args, '--quiet']).done;
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.split('\n')[0]).toMatch(new RegExp(`^offerbrief batch: ${12 - done.length} rendered, ${done.length} skipped, 0 failed of 12 items`));
    expect((await readdir(out)).sort()).toEqual([...pdfs, 'manifest.json']);
  }, 120_000);

  it('shards 1/2 and 2/2 render the whole batch; manifest merge joins their manifests', async () => {
    const cwd = await workspace();
    dirs.push(cwd);
    const args = ['batch', 'candidates/ana.yaml', 'candidates/ben.yaml', 'candidates/chloe.json', '--regions', 'all', '--date', '2026-01-15', '--jobs', '1', '--quiet'];
    const one = await start(cwd, [...args, '--shard', '1/2']).done;
    const two = await start(cwd, [...args, '--shard', '2/2']).done;
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(one.stdout).toMatch(/manifest out\/manifest\.shard-1-of-2\.json\n$/);
    const merged = await start(cwd, ['manifest', 'merge', 'out']).done;
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe('offerbrief manifest merge: 2 manifests, 6 items (6 rendered, 0 skipped, 0 failed) → out/manifest.json\n');
    const manifest = parseManifest(await readFile(join(cwd, 'out', 'manifest.json'), 'utf8'), 'manifest.json');
    expect(manifest.items.map((item) => item.output).sort()).toEqual(pdfs.filter((name) => !/(acme.*ben|birch.*(ana|chloe))/.test(name)));
    expect((await readdir(join(cwd, 'out'))).filter((name) => name.endsWith('.pdf')).sort()).toEqual(manifest.items.map((item) => item.output).sort());
    const again = await start(cwd, ['manifest', 'merge', 'out', 'out/manifest.shard-1-of-2.json']).done;
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('offerbrief manifest: cannot merge the manifests:\n  shard 2/2 is missing; pass its manifest, or --allow-partial\n');
  }, 120_000);

  it('usage errors exit 2', async () => {
    const cwd = await workspace();
    dirs.push(cwd);
    const bad = await start(cwd, ['batch', '--shard', '3/2']).done;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('offerbrief batch: --shard: unexpected "3/2", expected i/n with 1 ≤ i ≤ n (such as 1/4)\n');
    const jobs = await start(cwd, ['batch', '--jobs', 'many']).done;
    expect(jobs.code).toBe(2);
    const missing = await start(cwd, ['batch', '--candidates', 'nowhere']).done;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('offerbrief batch: nowhere: no such file or folder\n');
  }, 60_000);
});

// Issue #12 cases 2, 3, 7, 8: same-name races, a bad profile, a manifest that lies, the lock and
// temporary files. The fake renderer names briefs like the real one: from the candidate's name.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/batch/ids.js';
import { parseManifest, type Manifest } from '../../src/batch/manifest.js';
import { lockPath, stagingPath } from '../../src/batch/fs.js';
import { runBatch, type BatchOptions } from '../../src/batch/run.js';
import type { WorkerConfig, WorkResult, WorkTask } from '../../src/batch/types.js';
import { UsageError } from '../../src/errors.js';
import { candidateHash, slugify } from '../../src/render/slug.js';
import { fakeTemplate, listDir, workspace } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setup() {
  const dir = await workspace();
  dirs.push(dir);
  await rm(join(dir, 'candidates'), { recursive: true });
  await mkdir(join(dir, 'candidates'));
  return dir;
}

/** Renders like the real pipeline names files: `<guide>-<region>-<candidate name slug>.pdf`, after a random delay. */
function namingRenderer(seed = 1) {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return async (task: WorkTask, config: WorkerConfig): Promise<WorkResult> => {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 8)));
    const profile = parseYaml(readFileSync(task.candidatePath, 'utf8')) as { name: string };
    const bytes = `%PDF-fake ${task.id} ${profile.name} ${config.date}\n`;
    await writeFile(task.stagingPath, bytes);
    const person = slugify(profile.name);
    const fileName = `acme-${slugify(task.region)}${person ? `-${person}` : `-${candidateHash(task.candidateName)}`}.pdf`;
    return { status: 'rendered', fileName, sha256: sha256(bytes), bytes: Buffer.byteLength(bytes), error: null };
  };
}

function options(cwd: string, extra: Partial<BatchOptions> = {}): BatchOptions {
  return { cwd, candidates: ['candidates'], jobs: 4, resolveTemplate: fakeTemplate, renderItem: namingRenderer(), ...extra };
}

async function profile(cwd: string, file: string, name: string) {
  await writeFile(join(cwd, 'candidates', file), `name: ${JSON.stringify(name)}\nregion: Seattle\nguide: ../guides/acme-platform.md\n`);
}

async function manifestOf(cwd: string, name = 'manifest.json'): Promise<Manifest> {
  return parseManifest(await readFile(join(cwd, 'out', name), 'utf8'), name);
}

/** Every non-failed entry's file is on disk with its sha256, and no two entries share a file. */
async function expectManifestMatchesDisk(cwd: string, manifest: Manifest) {
  const outputs = manifest.items.filter((e) => e.status !== 'failed').map((e) => e.output!);
  expect(new Set(outputs).size).toBe(outputs.length);
  for (const entry of manifest.items.filter((e) => e.status !== 'failed')) {
    expect(sha256(await readFile(join(cwd, 'out', entry.output!)))).toBe(entry.sha256);
  }
}

describe('same-name profiles (case 2)', () => {
  it('4 profiles named "Dana Reyes" render 4 files, the same names on every run and with --jobs 1', async () => {
    const cwd = await setup();
    for (const n of [1, 2, 3, 4]) await profile(cwd, `dana${n}.yaml`, 'Dana Reyes');
    const expected = [1, 2, 3, 4].map((n) => `acme-seattle-dana-reyes-${candidateHash(`candidates/dana${n}.yaml`)}.pdf`).sort();
    for (const [seed, jobs] of [[1, 4], [7, 4], [3, 1]] as const) {
      await rm(join(cwd, 'out'), { recursive: true, force: true });
      const result = await runBatch(options(cwd, { jobs, renderItem: namingRenderer(seed) }));
      expect(result.manifest.summary).toMatchObject({ rendered: 4, failed: 0 });
      expect(result.manifest.items.map((e) => e.output).sort()).toEqual(expected);
      await expectManifestMatchesDisk(cwd, await manifestOf(cwd));
    }
  });

  it('property: any batch of random names never renders two items to one file, and the manifest sha256 matches the disk', async () => {
    const cwd = await setup();
    const name = fc.oneof(
      fc.constantFrom('Dana Reyes', 'dana reyes', 'DANA  REYES', '王伟', '李娜', '..', 'Дмитрий Иванов', 'Łukasz', 'Straße', 'Strasse', '😀', '-'),
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s) && s.trim() !== ''),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(name, { minLength: 1, maxLength: 7 }), fc.integer({ min: 1, max: 1000 }), async (names, seed) => {
        await rm(join(cwd, 'candidates'), { recursive: true, force: true });
        await rm(join(cwd, 'out'), { recursive: true, force: true });
        await mkdir(join(cwd, 'candidates'));
        for (const [i, n] of names.entries()) await profile(cwd, `p${i}.yaml`, n);
        const result = await runBatch(options(cwd, { renderItem: namingRenderer(seed) }));
        expect(result.manifest.summary).toMatchObject({ rendered: names.length, failed: 0 });
        await expectManifestMatchesDisk(cwd, await manifestOf(cwd));
        const pdfs = (await listDir(join(cwd, 'out'))).filter((f) => f.endsWith('.pdf'));
        expect(pdfs).toHaveLength(names.length);
      }),
      { numRuns: 25 },
    );
  });
});

describe('a bad profile (case 3)', () => {
  it('an alias bomb fails only its item, with the reason', async () => {
    const cwd = await setup();
    await profile(cwd, 'ana.yaml', 'Ana Lima');
    let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g']]) bomb += `${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    await writeFile(join(cwd, 'candidates', 'bomb.yaml'), `name: Bomb\nregion: Seattle\n${bomb}facts: *g\n`);
    const result = await runBatch(options(cwd));
    expect(result.manifest.summary).toMatchObject({ total: 2, rendered: 1, failed: 1 });
    expect(result.failures[0]!.error).toBe('candidates/bomb.yaml: invalid YAML: more than 50 alias expansions, expected a profile without an alias bomb');
  });
});

describe('the manifest is input (case 7)', () => {
  it('an output outside --out is not trusted: the item renders again, nothing outside is named', async () => {
    const cwd = await setup();
    await profile(cwd, 'ana.yaml', 'Ana Lima');
    await runBatch(options(cwd));
    const manifest = await manifestOf(cwd);
    await writeFile(join(cwd, 'victim'), 'x'.repeat(manifest.items[0]!.bytes!));
    const edited = { ...manifest, items: [{ ...manifest.items[0]!, output: '../victim' }] };
    await writeFile(join(cwd, 'out', 'manifest.json'), JSON.stringify(edited));
    const again = await runBatch(options(cwd));
    expect(again.manifest.items[0]).toMatchObject({ status: 'rendered', output: 'acme-seattle-ana-lima.pdf' });
    expect(again.notes).toContain(`manifest.json: 1 item(s) with an output outside ${join(cwd, 'out')} ignored; they are rendered again`);
    expect(await readFile(join(cwd, 'victim'), 'utf8')).toBe('x'.repeat(manifest.items[0]!.bytes!));
  });

  it('a PDF altered with its size kept, or deleted, is rendered again instead of skipped', async () => {
    const cwd = await setup();
    await profile(cwd, 'ana.yaml', 'Ana Lima');
    await profile(cwd, 'ben.yaml', 'Ben Okafor');
    const first = await runBatch(options(cwd));
    const [a, b] = first.manifest.items.map((e) => e.output!);
    const size = (await readFile(join(cwd, 'out', a!))).length;
    await writeFile(join(cwd, 'out', a!), 'y'.repeat(size));
    await rm(join(cwd, 'out', b!));
    const second = await runBatch(options(cwd));
    expect(second.manifest.summary).toMatchObject({ rendered: 2, skipped: 0 });
    await expectManifestMatchesDisk(cwd, second.manifest);
    const third = await runBatch(options(cwd));
    expect(third.manifest.summary).toMatchObject({ rendered: 0, skipped: 2 });
  });
});

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' }).pid!;
}

describe('one batch per folder, temporary files (case 8)', () => {
  it('a live lock refuses a second batch; a dead one is taken over; the lock is gone after the run', async () => {
    const cwd = await setup();
    await profile(cwd, 'ana.yaml', 'Ana Lima');
    await mkdir(join(cwd, 'out'));
    const lock = lockPath(join(cwd, 'out'), 'manifest.json');
    await writeFile(lock, `${process.ppid}\n`);
    await expect(runBatch(options(cwd))).rejects.toThrow(
      new UsageError(
        `${join(cwd, 'out')}: another batch (pid ${process.ppid}) is writing manifest.json in this folder; wait for it to finish, or use another --out (the lock is ${lock})`,
      ),
    );
    const dead = deadPid();
    await writeFile(lock, `${dead}\n`);
    const result = await runBatch(options(cwd));
    expect(result.notes).toContain(`took over the lock of an earlier batch (pid ${dead}) that is no longer running`);
    expect(await listDir(join(cwd, 'out'))).toEqual(['acme-seattle-ana-lima.pdf', 'manifest.json']);
  });

  it('two batches at once into one folder: the second is refused, the first loses nothing', async () => {
    const cwd = await setup();
    for (const n of [1, 2, 3]) await profile(cwd, `p${n}.yaml`, `Person ${n}`);
    const slow = namingRenderer();
    const first = runBatch(options(cwd, { renderItem: async (t, c) => (await new Promise((r) => setTimeout(r, 50)), slow(t, c)) }));
    await new Promise((r) => setTimeout(r, 20));
    await expect(runBatch(options(cwd))).rejects.toThrow(/another batch \(pid \d+\) is writing manifest\.json/);
    const done = await first;
    expect(done.manifest.summary).toMatchObject({ rendered: 3, failed: 0 });
  });

  it('staging files carry the pid; those of a dead process are removed by the next run, a live one keeps its own', async () => {
    const cwd = await setup();
    await profile(cwd, 'ana.yaml', 'Ana Lima');
    const out = join(cwd, 'out');
    await mkdir(out);
    expect(stagingPath(out, '0123456789abcdef')).toBe(join(out, `.offerbrief-0123456789abcdef.${process.pid}.partial`));
    const dead = deadPid();
    await writeFile(stagingPath(out, '0123456789abcdef', dead), 'partial');
    await writeFile(join(out, `.offerbrief-manifest.json.${dead}.0a1b2c3d.partial`), '{');
    await writeFile(stagingPath(out, 'fedcba9876543210', process.ppid), 'in flight elsewhere');
    const result = await runBatch(options(cwd));
    expect(result.notes).toContain(`removed 2 temporary file(s) an interrupted batch left in ${out}`);
    expect(await listDir(out)).toEqual([`.offerbrief-fedcba9876543210.${process.ppid}.partial`, 'acme-seattle-ana-lima.pdf', 'manifest.json']);
  });

  it('does not walk node_modules or dot-folders for profiles', async () => {
    const cwd = await setup();
    await profile(cwd, 'ana.yaml', 'Ana Lima');
    await mkdir(join(cwd, 'candidates', 'node_modules', 'x'), { recursive: true });
    await mkdir(join(cwd, 'candidates', '.cache'));
    await writeFile(join(cwd, 'candidates', 'node_modules', 'x', 'package.json'), '{}');
    await writeFile(join(cwd, 'candidates', '.cache', 'c.yaml'), 'x: 1\n');
    const result = await runBatch(options(cwd));
    expect(result.manifest.items.map((e) => e.candidate)).toEqual(['candidates/ana.yaml']);
  });

  it('refuses --out "" and clamps --jobs', async () => {
    const cwd = await setup();
    await profile(cwd, 'ana.yaml', 'Ana Lima');
    await expect(runBatch(options(cwd, { out: '' }))).rejects.toThrow(UsageError);
    const result = await runBatch(options(cwd, { jobs: 100_000 }));
    expect(result.notes.some((n) => /^--jobs 100000 is more than this machine can use; using \d+ \(4 × \d+ cores\)$/.test(n))).toBe(true);
  });
});

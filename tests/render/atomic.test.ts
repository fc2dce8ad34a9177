// Issue #12 case 8 for render: temporary files carry the pid and are removed by the next write once that process is gone.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pendingTemps, writeFileAtomic } from '../../src/render/atomic.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it("removes a dead process's temporary files, keeps a live one's, and leaves none of its own", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'offerbrief-atomic-'));
    dirs.push(dir);
    const dead = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' }).pid!;
    await writeFile(join(dir, `.a.pdf.${dead}.0123456789ab.tmp`), 'half');
    await writeFile(join(dir, `.b.pdf.${process.ppid}.0123456789ab.tmp`), 'in flight elsewhere');
    await writeFile(join(dir, 'notes.tmp'), 'not ours');
    await writeFileAtomic(join(dir, 'c.pdf'), new Uint8Array([1, 2, 3]));
    expect((await readdir(dir)).sort()).toEqual([`.b.pdf.${process.ppid}.0123456789ab.tmp`, 'c.pdf', 'notes.tmp']);
    expect(pendingTemps.size).toBe(0);
  });

  it('fails with exit-2 IoError where a folder can never be made (no endless mkdir)', async () => {
    const started = performance.now();
    await expect(writeFileAtomic('/proc/offerbrief-x/y/z.pdf', new Uint8Array([1]))).rejects.toThrow(/^cannot create the output folder: \/proc\/offerbrief-x: /);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError, IoError } from '../errors.js';

/** Prefix of every temporary file the batch writes in the output folder. */
export const TEMP_PREFIX = '.offerbrief-';
/** Suffix of every temporary file the batch writes in the output folder. */
export const TEMP_SUFFIX = '.partial';

/** The staging file a worker writes an item's PDF to before it is renamed into place. */
export function stagingPath(outDir: string, id: string): string {
  return join(outDir, `${TEMP_PREFIX}${id}${TEMP_SUFFIX}`);
}

/**
 * Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
 * Readers see the old file or the new one, never a part; nothing is left behind on error.
 */
export async function writeFileAtomic(path: string, bytes: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const temp = join(dirname(path), `${TEMP_PREFIX}${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  try {
    await writeFile(temp, bytes, { mode: options.mode ?? 0o644 });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new IoError(describeFsError(error, path));
  }
}

/** Creates the output folder (and its parents). */
export async function ensureDir(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new IoError(describeFsError(error, path));
  }
}

/**
 * Removes temporary files an earlier, killed batch left in the output folder; returns how many.
 * Only the staging files of items `ours(id)` accepts and the manifest's own temporary files whose
 * process is gone are touched, so shards sharing one folder never delete each other's files.
 */
export async function removeStaleTempFiles(outDir: string, manifestName: string, ours: (id: string) => boolean): Promise<number> {
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX) || !name.endsWith(TEMP_SUFFIX)) continue;
    const middle = name.slice(TEMP_PREFIX.length, -TEMP_SUFFIX.length);
    let stale = false;
    if (/^[0-9a-f]{16}$/.test(middle)) {
      stale = ours(middle);
    } else if (middle.startsWith(`${manifestName}.`)) {
      const pid = Number(middle.slice(manifestName.length + 1).split('.')[0]);
      stale = !processAlive(pid);
    }
    if (!stale) continue;
    await unlink(join(outDir, name)).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

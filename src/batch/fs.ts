import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { describeFsError, IoError, UsageError } from '../errors.js';
import { makeFolder } from '../render/atomic.js';

/** Prefix of every temporary file the batch writes in the output folder. */
export const TEMP_PREFIX = '.offerbrief-';
/** Suffix of every temporary file the batch writes in the output folder. */
export const TEMP_SUFFIX = '.partial';

/**
 * The staging file a worker writes an item's PDF to before it is renamed into place. It carries
 * the pid, so two processes never share one and the next run knows whose it was.
 */
export function stagingPath(outDir: string, id: string, pid: number = process.pid): string {
  return join(outDir, `${TEMP_PREFIX}${id}.${pid}${TEMP_SUFFIX}`);
}

/**
 * Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
 * Readers see the old file or the new one, never a part; nothing is left behind on error.
 * Pieces of text (an iterable) are written one after the other, never joined in memory.
 */
export async function writeFileAtomic(path: string, bytes: string | Uint8Array | Iterable<string | Uint8Array>, options: { mode?: number } = {}): Promise<void> {
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
  // One level at a time: a recursive mkdir can spin forever where it can never succeed (/proc).
  await makeFolder(path);
}

/**
 * Removes temporary files an earlier, killed batch left in the output folder; returns how many.
 * A file that names its process (`.offerbrief-<id>.<pid>.partial`, the manifest's
 * `.offerbrief-<manifest>.<pid>.<rand>.partial`) is removed only when that process is gone, so a
 * batch running at the same time (another shard in the same folder) keeps its files. An
 * unnamed staging file (`.offerbrief-<id>.partial`, written by earlier versions) is removed
 * when `ours(id)` accepts it.
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
    const staging = /^([0-9a-f]{16})(?:\.(\d+))?$/.exec(middle);
    if (staging) {
      stale = staging[2] === undefined ? ours(staging[1]!) : !processAlive(Number(staging[2]));
    } else {
      // Any atomic write's temporary file: `<target>.<pid>.<rand>`.
      const pid = /\.(\d+)\.[0-9a-f]+$/.exec(middle)?.[1];
      stale = pid !== undefined && !processAlive(Number(pid));
    }
    if (!stale) continue;
    await unlink(join(outDir, name)).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}

/** The lock file of one batch (one manifest) in its output folder. */
export function lockPath(outDir: string, manifestName: string): string {
  return join(outDir, `${TEMP_PREFIX}${manifestName}.lock`);
}

/**
 * Takes the output folder's lock for `manifestName`: a file holding this process's pid, created
 * exclusively. A lock whose process is gone (a killed batch) is taken over; a live one is a
 * `UsageError` naming its pid. Returns the release function and whether a stale lock was taken over.
 */
export async function acquireLock(outDir: string, manifestName: string): Promise<{ release: () => Promise<void>; tookOver: number | null }> {
  const path = lockPath(outDir, manifestName);
  let tookOver: number | null = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
      const release = async () => {
        // Only our own lock: a lock taken over after we were presumed dead is not ours to remove.
        const owner = await readFile(path, 'utf8').catch(() => '');
        if (Number(owner.trim()) === process.pid) await unlink(path).catch(() => undefined);
      };
      return { release, tookOver };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new IoError(`cannot lock the output folder: ${describeFsError(error, path)}`);
    }
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) continue; // released in between: try again
    const pid = Number(text.trim());
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
      throw new UsageError(
        `${outDir}: another batch (pid ${pid}) is writing ${manifestName} in this folder; wait for it to finish, or use another --out (the lock is ${path})`,
      );
    }
    // Stale: move it aside atomically (of two processes taking over, only one renames it), then retry.
    const aside = `${path}.${process.pid}.stale`;
    try {
      await rename(path, aside);
      const moved = await readFile(aside, 'utf8').catch(() => '');
      if (moved.trim() !== text.trim()) await rename(aside, path).catch(() => undefined); // a fresh lock of another process: give it back
      else tookOver = Number.isInteger(pid) && pid > 0 ? pid : 0;
      await unlink(aside).catch(() => undefined);
    } catch {
      // Someone else moved it first; try again.
    }
  }
  throw new UsageError(`${outDir}: cannot take the lock ${path}; another batch keeps taking it, try again`);
}

/** True when a process with this pid exists (ours included). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when `path` (relative to `outDir`, or absolute) resolves to a file strictly inside `outDir`. */
export function isInside(outDir: string, path: string): boolean {
  const root = resolve(outDir);
  return resolve(root, path).startsWith(root + sep);
}

/** True when a regular file at `path` has this size and sha256 (a file edited or swapped since is rendered again). */
export function sameFile(path: string, bytes: number | null, sha256: string | null): boolean {
  if (bytes === null || sha256 === null) return false;
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size !== bytes) return false;
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(Math.min(bytes, 1024 * 1024) || 1);
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
    return hash.digest('hex') === sha256;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

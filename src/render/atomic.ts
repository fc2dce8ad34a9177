import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError, IoError } from '../errors.js';

/**
 * Writes a file atomically: the bytes go to a temporary file in the same folder (same file system),
 * which is then renamed over the target. Readers see the old file or the whole new one; after any
 * error no file is left behind. The folder is created when missing.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const mode = options.mode ?? 0o600;
  const folder = dirname(path);
  await makeFolder(folder);
  await removeStaleTemps(folder);
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  pendingTemps.add(temp);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(bytes);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new IoError(`cannot write ${path}: ${describeFsError(error, path).replace(`${path}: `, '')}`);
  } finally {
    pendingTemps.delete(temp);
  }
}

/**
 * Temporary files being written right now: a signal handler (src/cli) removes them before the
 * process exits, so an interrupted `render` leaves nothing behind.
 */
export const pendingTemps = new Set<string>();

/**
 * Creates the folder. Node's recursive mkdir can loop forever on a path it can never create
 * (under /proc, say), so the parents are made one by one and a step that makes no progress fails.
 */
export async function makeFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = folder; ; dir = dirname(dir)) {
    const info = await stat(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : error));
    if (info instanceof Error) throw new IoError(`cannot create the output folder: ${describeFsError(info, dir)}`);
    if (info) {
      if (!info.isDirectory()) throw new IoError(`cannot create the output folder: ${dir}: not a folder`);
      break;
    }
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      await mkdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(dir).then((i) => i.isDirectory(), () => false))) continue;
      throw new IoError(`cannot create the output folder: ${describeFsError(error, dir)}`);
    }
  }
}

const tempName = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** Removes temporary files an interrupted write left in `folder` (SIGKILL, power loss) whose process is gone. */
async function removeStaleTemps(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const pid = tempName.exec(name)?.[1];
    if (pid !== undefined && !alive(Number(pid))) await rm(join(folder, name), { force: true }).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

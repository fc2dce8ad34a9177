import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
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
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new IoError(`cannot create the output folder: ${describeFsError(error, folder)}`);
  }
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
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
  }
}

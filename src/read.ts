import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { describeFsError, IoError } from './errors.js';

/**
 * Reading input files safely: only regular files, and never more than a limit.
 *
 * - The file is opened with O_NONBLOCK, so a FIFO (or a device that waits) cannot hang the
 *   open; then the open handle's stat decides: anything but a regular file is refused, so
 *   /dev/zero, /dev/stdin, pipes and sockets are never read.
 * - The size is checked on the handle (not on the path, which could be swapped in between),
 *   and the read stops after `maxBytes + 1` bytes, so a file that grows while it is read
 *   (or a /proc file that reports size 0) is still bounded.
 */
export interface ReadLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** The path as messages show it. */
  shown: string;
  /** What the file is, for messages: `guide`, `profile`, `template`, `config file`. */
  what: string;
  /** How to get past the limit, appended to the too-large message (e.g. `split it, or raise the limit with --max-size`). */
  hint?: string;
}

const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** `a character device`, `a FIFO (named pipe)`, … for a stat that is not a regular file. */
export function fileKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notRegular(stat: Stats, limits: ReadLimits): IoError {
  if (stat.isDirectory()) return new IoError(`${limits.shown}: is a folder, expected a file`);
  return new IoError(`${limits.shown}: not a regular file (${fileKind(stat)}), expected a ${limits.what} file`);
}

/** `12 MB`, `800 KB`, `512 bytes`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}

/** The message for a file over its limit; `size` null when only "more than the limit" is known. */
export function tooLargeMessage(size: number | null, limits: ReadLimits): string {
  const amount = size === null ? `more than ${formatBytes(limits.maxBytes)}` : formatBytes(size);
  return `${limits.shown}: ${amount} is over the ${formatBytes(limits.maxBytes)} limit for a ${limits.what}${limits.hint ? `; ${limits.hint}` : ''}`;
}

function openError(error: unknown, limits: ReadLimits): IoError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // A socket (or a FIFO on some systems) refuses a non-blocking open for reading.
  if (code === 'ENXIO' || code === 'EAGAIN' || code === 'EWOULDBLOCK') {
    return new IoError(`${limits.shown}: not a regular file, expected a ${limits.what} file`);
  }
  return new IoError(describeFsError(error, limits.shown));
}

/** Reads a regular file of at most `maxBytes`; throws `IoError` (exit 2) naming the path otherwise. */
export async function readRegularFile(path: string, limits: ReadLimits): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, openFlags);
  } catch (error) {
    throw openError(error, limits);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notRegular(stat, limits);
    if (stat.size > limits.maxBytes) throw new IoError(tooLargeMessage(stat.size, limits));
    let buffer = Buffer.allocUnsafe(Math.min(stat.size, limits.maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limits.maxBytes) throw new IoError(tooLargeMessage(null, limits));
        const bigger = Buffer.allocUnsafe(Math.min(limits.maxBytes + 1, Math.max(buffer.length * 2, 64 * 1024)));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof IoError) throw error;
    throw new IoError(describeFsError(error, limits.shown));
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** {@link readRegularFile} without awaiting the thread pool (lint reads its files this way). */
export function readRegularFileSync(path: string, limits: ReadLimits): Buffer {
  let fd: number;
  try {
    fd = openSync(path, openFlags);
  } catch (error) {
    throw openError(error, limits);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notRegular(stat, limits);
    if (stat.size > limits.maxBytes) throw new IoError(tooLargeMessage(stat.size, limits));
    let buffer = Buffer.allocUnsafe(Math.min(stat.size, limits.maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limits.maxBytes) throw new IoError(tooLargeMessage(null, limits));
        const bigger = Buffer.allocUnsafe(Math.min(limits.maxBytes + 1, Math.max(buffer.length * 2, 64 * 1024)));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof IoError) throw error;
    throw new IoError(describeFsError(error, limits.shown));
  } finally {
    closeSync(fd);
  }
}

/** Limits of the small inputs besides guides and profiles. */
export const maxTemplateBytes = 1024 * 1024;
export const maxConfigBytes = 1024 * 1024;
/** A manifest lists every item of a batch (about 700 bytes each): room for a few hundred thousand. */
export const maxManifestBytes = 256 * 1024 * 1024;

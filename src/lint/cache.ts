import { createHash, hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../render/atomic.js';
import type { LintMessage, LintResult } from '../report/types.js';

/** Where `--cache` keeps results unless `--cache-location` says otherwise (relative to the working folder). */
export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/offerbrief/';
/** The file inside a cache folder. */
export const CACHE_FILE = 'lint-cache.json';
/** Bumped when the cache file's layout changes. */
const FORMAT = 1;

/** A file's cached findings, valid while its bytes hash to `hash`. */
interface Entry {
  hash: string;
  messages: LintMessage[];
}

interface CacheFile {
  format: number;
  /** Hash of the tool version and everything in the config that changes findings. */
  key: string;
  files: Record<string, Entry>;
}

/** The cache file for `--cache-location` (a folder when it ends in "/" or is one, else a file). */
export function cacheFile(cwd: string, location = DEFAULT_CACHE_LOCATION): string {
  const path = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(path, CACHE_FILE);
  try {
    if (statSync(path).isDirectory()) return join(path, CACHE_FILE);
  } catch {
    // Not there yet: a file of that name.
  }
  return path;
}

/** The content hash of a guide's bytes. */
export function contentHash(bytes: Uint8Array): string {
  // One-shot: no Hash object per file (a re-lint of 1,000 guides is mostly this and reading them).
  return hash('sha256', bytes, 'base64url');
}

/** The cache key of a run: tool version plus the options that change findings (sorted, so key order does not matter). */
export function cacheKey(version: string, options: Record<string, unknown>): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]))
      : value;
  return createHash('sha256').update(JSON.stringify({ version, options: sorted(options) })).digest('base64url');
}

/**
 * Lint results kept between runs, by absolute path. An entry counts only
 * while the file's content hash and the run's key (tool version, config,
 * options, date) are the ones it was stored with; a different key starts an
 * empty cache. A cache file that cannot be read or parsed is ignored.
 */
export class LintCache {
  private files: Record<string, Entry> = {};
  private changed = false;

  private constructor(readonly path: string, private readonly key: string) {}

  static load(path: string, key: string): LintCache {
    const cache = new LintCache(path, key);
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
      if (data.format === FORMAT && data.key === key && data.files && typeof data.files === 'object') cache.files = data.files;
      else cache.changed = true;
    } catch {
      cache.changed = true;
    }
    return cache;
  }

  /** The cached messages of `filePath` when its content still hashes to `hash`. */
  get(filePath: string, hash: string): LintMessage[] | undefined {
    const entry = this.files[filePath];
    return entry && entry.hash === hash ? entry.messages : undefined;
  }

  set(filePath: string, hash: string, result: LintResult): void {
    // A file that could not be linted is tried again next time.
    if (result.fatalErrorCount > 0) {
      if (filePath in this.files) {
        delete this.files[filePath];
        this.changed = true;
      }
      return;
    }
    this.files[filePath] = { hash, messages: result.messages };
    this.changed = true;
  }

  /** Writes the cache atomically when anything changed. */
  async save(): Promise<void> {
    if (!this.changed) return;
    const data: CacheFile = { format: FORMAT, key: this.key, files: this.files };
    await writeFileAtomic(this.path, new TextEncoder().encode(JSON.stringify(data)), { mode: 0o644 });
    this.changed = false;
  }
}

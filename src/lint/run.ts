// `lint` itself: imports nothing of the parser, which loads only when a file must be linted (a cached run never needs it).
import { readFileSync, statSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import type { LintConfig } from '../config/schema.js';
import { IoError, UsageError, describeFsError } from '../errors.js';
import type { LintResult } from '../report/types.js';
import { countProblems } from '../report/types.js';
import { finish as finishResult } from './result.js';
import type { Severity, Tolerance } from '../validate/rule.js';
import { version } from '../version.js';
import { writeFileAtomic } from '../render/atomic.js';
import { LintCache, cacheFile, cacheKey, contentHash } from './cache.js';
import { displayPath, expandPaths } from './files.js';
import type { LintFileOptions } from './one.js';


export interface LintOptions {
  /** Working folder: paths, globs and the config are relative to it. */
  cwd: string;
  /** Files, folders (walked for *.md) and globs; default `guides`. */
  paths?: readonly string[];
  /** Severities that override the config's. */
  rules?: Record<string, Severity>;
  /** Overrides the config's tolerance. */
  tolerance?: Tolerance;
  /** A config file to use instead of looking for one. */
  configPath?: string;
  /** Threads to use, the main one included (default: automatic). */
  jobs?: number;
  /** Largest guide accepted, in bytes (the parser's default is 5 MB). */
  maxBytes?: number;
  /** Apply fixes: `true` writes the fixed files, `'dry-run'` only puts the fixed text in each result's `output`. */
  fix?: boolean | 'dry-run';
  /** Keep results between runs and re-lint only files whose content, config or tool version changed. */
  cache?: boolean;
  /** The cache file, or a folder for it (default node_modules/.cache/offerbrief/). */
  cacheLocation?: string;
  /** The day `sources-stale` measures age against, YYYY-MM-DD (default: today, UTC). */
  date?: string;
  /** Overrides the config's maxAgeMonths. */
  maxAgeMonths?: number;
}

export interface LintRun {
  results: LintResult[];
  config: LintConfig;
  errorCount: number;
  warningCount: number;
  /** Files that could not be read (each also has a fatal message). */
  unreadableCount: number;
  /** Files whose results came from the cache. */
  cachedCount: number;
  /** Files `--fix` wrote (or, with `'dry-run'`, would write). */
  fixedCount: number;
}

/**
 * Lints guides: loads the config, expands paths, then parses and validates
 * every file (spread over worker threads when there are many). Throws
 * UsageError/IoError for bad options, a bad config or a path that matches
 * nothing; a file that cannot be read becomes a fatal message on that file.
 */
export async function lint(options: LintOptions): Promise<LintRun> {
  const { cwd } = options;
  const config = await loadConfig({ cwd, ...(options.configPath !== undefined ? { configPath: options.configPath } : {}) });
  const paths = await expandPaths(options.paths && options.paths.length > 0 ? options.paths : ['guides'], cwd);
  const rules = { ...config.rules, ...(options.rules ?? {}) };
  const tolerance = options.tolerance ?? config.tolerance;
  const maxAgeMonths = options.maxAgeMonths ?? config.maxAgeMonths;
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(date)) throw new UsageError(`Unexpected date "${date}", expected a calendar date as YYYY-MM-DD (e.g. 2026-03-05)`);
  const fileOptions: LintFileOptions = {
    cwd,
    rules,
    date,
    ...(tolerance ? { tolerance } : {}),
    ...(maxAgeMonths !== undefined ? { maxAgeMonths } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.fix ? { fix: true } : {}),
    ...(options.cache ? { hash: true } : {}),
  };

  // The cache: hits are taken as they are, unless --fix has work to do in them.
  const cache = options.cache
    ? LintCache.load(
        cacheFile(cwd, options.cacheLocation),
        cacheKey(version, { rules, tolerance: tolerance ?? null, maxAgeMonths: maxAgeMonths ?? null, date, maxBytes: options.maxBytes ?? null }),
      )
    : null;
  const results: LintResult[] = new Array(paths.length);
  const misses: number[] = [];
  paths.forEach((path, i) => {
    const cached = cache ? cachedResult(cache, path, cwd) : undefined;
    if (cached && !(options.fix && cached.messages.some((m) => m.fix))) results[i] = cached;
    else misses.push(i);
  });
  // The parser loads only when some file needs it.
  const linted = misses.length > 0 ? await (await import('./pool.js')).lintPaths(misses.map((i) => paths[i]!), fileOptions, options.jobs) : [];
  misses.forEach((index, k) => {
    results[index] = linted[k]!;
  });

  let fixedCount = 0;
  for (const result of linted) {
    if (result.output === undefined) continue;
    fixedCount += 1;
    if (options.fix === true) await writeFixed(result.filePath, result.output);
  }
  if (cache) {
    for (const result of linted) {
      const hash = result.output === undefined ? result.contentHash : options.fix === true ? contentHash(new TextEncoder().encode(result.output)) : undefined;
      if (hash !== undefined) cache.set(result.filePath, hash, result);
    }
    await cache.save();
  }
  for (const result of results) delete result.contentHash;

  const { errors, warnings } = countProblems(results);
  return {
    results,
    config,
    errorCount: errors,
    warningCount: warnings,
    unreadableCount: results.filter((result) => result.fatalErrorCount > 0).length,
    cachedCount: paths.length - misses.length,
    fixedCount,
  };
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The cached result of a file whose bytes still hash the same, or undefined (a file that cannot be read is linted, to say why). */
function cachedResult(cache: LintCache, filePath: string, cwd: string): LintResult | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(filePath);
  } catch {
    return undefined;
  }
  const messages = cache.get(filePath, contentHash(bytes));
  return messages ? finishResult(filePath, cwd, messages) : undefined;
}

/** Writes a fixed guide in place, atomically, keeping its permissions. */
async function writeFixed(filePath: string, output: string): Promise<void> {
  let mode = 0o644;
  try {
    mode = statSync(filePath).mode & 0o777;
  } catch (error) {
    throw new IoError(describeFsError(error, filePath));
  }
  await writeFileAtomic(filePath, new TextEncoder().encode(output), { mode });
}

/** Keeps errors only (`--quiet`), recounting. */
export function errorsOnly(results: readonly LintResult[]): LintResult[] {
  return results.map((result) => {
    const messages = result.messages.filter((m) => m.severity === 2);
    return { ...result, messages, warningCount: 0 };
  });
}


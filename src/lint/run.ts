// `lint` itself: imports nothing of the parser, which loads only when a file must be linted (a cached run never needs it).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigFinder } from '../config/discover.js';
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
import type { FileConfig } from '../config/discover.js';


export interface LintOptions {
  /** Working folder: paths, globs and the config are relative to it. */
  cwd: string;
  /** Files, folders (walked for *.md) and globs; default `guides`. */
  paths?: readonly string[];
  /** Severities that override the config's. */
  rules?: Record<string, Severity>;
  /** Overrides the config's tolerance. */
  tolerance?: Tolerance;
  /** A config file to use for every guide instead of looking for the nearest one above each. */
  configPath?: string;
  /** A guide read from standard input (`lint -`), linted as if it were the file `filename` (for config and messages). */
  stdin?: { contents: Uint8Array | string; filename?: string };
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
  /** The config files that applied (relative to cwd), each once. */
  configSources: string[];
  /** Guides skipped by a config's `ignores`. */
  ignoredCount: number;
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
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(date)) throw new UsageError(`Unexpected date "${date}", expected a calendar date as YYYY-MM-DD (e.g. 2026-03-05)`);
  const finder = new ConfigFinder({ cwd, configPath: options.configPath });
  const named = options.paths && options.paths.length > 0 ? options.paths : options.stdin ? [] : ['guides'];
  const found = named.length > 0 ? await expandPaths(named, cwd) : [];
  const settings = await Promise.all(found.map((path) => finder.forFile(path)));
  const sources = new Set<string>();
  let ignoredCount = 0;

  /** The options a guide is linted with: its config after overrides, then the command line's. */
  const optionsFor = (setting: FileConfig): LintFileOptions => {
    const tolerance = options.tolerance ?? setting.tolerance;
    const maxAgeMonths = options.maxAgeMonths ?? setting.maxAgeMonths;
    return {
      cwd,
      rules: { ...setting.rules, ...(options.rules ?? {}) },
      date,
      ...(tolerance ? { tolerance } : {}),
      ...(maxAgeMonths !== undefined ? { maxAgeMonths } : {}),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...(options.fix ? { fix: true } : {}),
      ...(options.cache ? { hash: true } : {}),
    };
  };
  // Guides that share settings are linted together (over threads when many).
  const groups = new Map<string, { indexes: number[]; fileOptions: LintFileOptions; key: string }>();
  const groupOf: Array<{ key: string } | undefined> = new Array(found.length);
  settings.forEach((setting, index) => {
    if (setting.source) sources.add(setting.source);
    if (setting.ignored) {
      ignoredCount += 1;
      return;
    }
    const fileOptions = optionsFor(setting);
    const key = cacheKey(version, { rules: fileOptions.rules, tolerance: fileOptions.tolerance ?? null, maxAgeMonths: fileOptions.maxAgeMonths ?? null, date, maxBytes: options.maxBytes ?? null });
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { indexes: [], fileOptions, key }));
    group.indexes.push(index);
    groupOf[index] = group;
  });

  // The cache: an entry counts while the file's bytes and its settings are the same; hits are taken
  // as they are, unless --fix has work to do in them.
  const cache = options.cache ? LintCache.load(cacheFile(cwd, options.cacheLocation), cacheKey(version, {})) : null;
  const results: Array<LintResult | undefined> = new Array(found.length);
  const linted: LintResult[] = [];
  const lintedKeys: string[] = [];
  for (const group of groups.values()) {
    const misses: number[] = [];
    for (const index of group.indexes) {
      const cached = cache ? cachedResult(cache, found[index]!, cwd, group.key) : undefined;
      if (cached && !(options.fix && cached.messages.some((m) => m.fix))) results[index] = cached;
      else misses.push(index);
    }
    if (misses.length === 0) continue;
    // The parser loads only when some file needs it.
    const { lintPaths } = await import('./pool.js');
    const groupResults = await lintPaths(misses.map((index) => found[index]!), group.fileOptions, options.jobs);
    misses.forEach((index, k) => {
      results[index] = groupResults[k]!;
      linted.push(groupResults[k]!);
      lintedKeys.push(group.key);
    });
  }

  let fixedCount = 0;
  for (const result of linted) {
    if (result.output === undefined) continue;
    fixedCount += 1;
    if (options.fix === true) await writeFixed(result.filePath, result.output);
  }
  if (cache) {
    linted.forEach((result, k) => {
      const hash = result.output === undefined ? result.contentHash : options.fix === true ? contentHash(new TextEncoder().encode(result.output)) : undefined;
      if (hash !== undefined) cache.set(result.filePath, `${hash}.${lintedKeys[k]}`, result);
    });
    await cache.save();
  }
  const all = results.filter((result): result is LintResult => result !== undefined);
  for (const result of all) delete result.contentHash;
  const cachedCount = all.length - linted.length;

  if (options.stdin) {
    const absolute = resolve(cwd, options.stdin.filename ?? '<stdin>');
    const setting = await finder.forFile(absolute);
    if (setting.source) sources.add(setting.source);
    if (setting.ignored) ignoredCount += 1;
    else {
      const [{ parseGuide }, { validateGuide }, { toResult }] = await Promise.all([import('../parse/index.js'), import('../validate/index.js'), import('./one.js')]);
      const shown = options.stdin.filename !== undefined ? displayPath(absolute, cwd) : '<stdin>';
      const { cwd: _cwd, maxBytes, fix: _fix, hash: _hash, ...validate } = optionsFor(setting);
      const { guide, file } = parseGuide(options.stdin.contents, { path: shown, ...(maxBytes !== undefined ? { maxBytes } : {}) });
      validateGuide(guide, file, validate);
      const result = toResult(file, absolute, cwd);
      all.push(options.stdin.filename !== undefined ? result : { ...result, path: '<stdin>' });
    }
  }

  const { errors, warnings } = countProblems(all);
  return {
    results: all,
    configSources: [...sources].sort(),
    ignoredCount,
    errorCount: errors,
    warningCount: warnings,
    unreadableCount: all.filter((result) => result.fatalErrorCount > 0).length,
    cachedCount,
    fixedCount,
  };
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The cached result of a file whose bytes still hash the same, or undefined (a file that cannot be read is linted, to say why). */
function cachedResult(cache: LintCache, filePath: string, cwd: string, settingsKey: string): LintResult | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(filePath);
  } catch {
    return undefined;
  }
  const messages = cache.get(filePath, `${contentHash(bytes)}.${settingsKey}`);
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


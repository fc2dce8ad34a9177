import { resolve } from 'node:path';
import { ConfigFinder } from '../config/discover.js';
import { parseGuide } from '../parse/index.js';
import { validateGuide } from '../validate/index.js';
import type { LintResult } from '../report/types.js';
import { countProblems } from '../report/types.js';
import type { Severity, Tolerance } from '../validate/rule.js';
import { displayPath, expandPaths } from './files.js';
import { lintPaths } from './pool.js';
import { toResult } from './one.js';

export { expandPaths, displayPath } from './files.js';
export { lintFile, toResult, FILE_UNREADABLE } from './one.js';
export { WORKER_THRESHOLD, threadCount } from './pool.js';

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
}

/**
 * Lints guides: loads the config, expands paths, then parses and validates
 * every file (spread over worker threads when there are many). Throws
 * UsageError/IoError for bad options, a bad config or a path that matches
 * nothing; a file that cannot be read becomes a fatal message on that file.
 */
export async function lint(options: LintOptions): Promise<LintRun> {
  const { cwd } = options;
  const finder = new ConfigFinder({ cwd, configPath: options.configPath });
  const named = options.paths && options.paths.length > 0 ? options.paths : options.stdin ? [] : ['guides'];
  const found = named.length > 0 ? await expandPaths(named, cwd) : [];
  const settings = await Promise.all(found.map((path) => finder.forFile(path)));
  const sources = new Set<string>();
  const results: LintResult[] = new Array(found.length);
  // Guides that share settings are linted together (over threads when many).
  const groups = new Map<string, { indexes: number[]; rules: Record<string, Severity>; tolerance: Tolerance | undefined }>();
  let ignoredCount = 0;
  settings.forEach((setting, index) => {
    if (setting.source) sources.add(setting.source);
    if (setting.ignored) {
      ignoredCount += 1;
      return;
    }
    const rules = { ...setting.rules, ...(options.rules ?? {}) };
    const tolerance = options.tolerance ?? setting.tolerance;
    const key = JSON.stringify([rules, tolerance ?? null]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { indexes: [], rules, tolerance }));
    group.indexes.push(index);
  });
  for (const group of groups.values()) {
    const groupResults = await lintPaths(
      group.indexes.map((index) => found[index]!),
      { cwd, rules: group.rules, ...(group.tolerance ? { tolerance: group.tolerance } : {}), ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) },
      options.jobs,
    );
    group.indexes.forEach((index, i) => (results[index] = groupResults[i]!));
  }
  const linted = results.filter((result) => result !== undefined);
  if (options.stdin) {
    const absolute = resolve(cwd, options.stdin.filename ?? '<stdin>');
    const setting = await finder.forFile(absolute);
    if (setting.source) sources.add(setting.source);
    const shown = options.stdin.filename !== undefined ? displayPath(absolute, cwd) : '<stdin>';
    if (setting.ignored) ignoredCount += 1;
    else {
      const { guide, file } = parseGuide(options.stdin.contents, { path: shown, ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) });
      const tolerance = options.tolerance ?? setting.tolerance;
      validateGuide(guide, file, { rules: { ...setting.rules, ...(options.rules ?? {}) }, ...(tolerance ? { tolerance } : {}) });
      const result = toResult(file, absolute, cwd);
      linted.push(options.stdin.filename !== undefined ? result : { ...result, path: '<stdin>' });
    }
  }
  const { errors, warnings } = countProblems(linted);
  return {
    results: linted,
    configSources: [...sources].sort(),
    ignoredCount,
    errorCount: errors,
    warningCount: warnings,
    unreadableCount: linted.filter((result) => result.fatalErrorCount > 0).length,
  };
}

/** Keeps errors only (`--quiet`), recounting. */
export function errorsOnly(results: readonly LintResult[]): LintResult[] {
  return results.map((result) => {
    const messages = result.messages.filter((m) => m.severity === 2);
    return { ...result, messages, warningCount: 0 };
  });
}

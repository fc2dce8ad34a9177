import { loadConfig } from '../config/load.js';
import type { LintConfig } from '../config/schema.js';
import type { LintResult } from '../report/types.js';
import { countProblems } from '../report/types.js';
import type { Severity, Tolerance } from '../validate/rule.js';
import { expandPaths } from './files.js';
import { lintPaths } from './pool.js';

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
  /** A config file to use instead of looking for one. */
  configPath?: string;
  /** Threads to use, the main one included (default: automatic). */
  jobs?: number;
  /** Largest guide accepted, in bytes (the parser's default is 5 MB). */
  maxBytes?: number;
}

export interface LintRun {
  results: LintResult[];
  config: LintConfig;
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
  const config = await loadConfig({ cwd, ...(options.configPath !== undefined ? { configPath: options.configPath } : {}) });
  const paths = await expandPaths(options.paths && options.paths.length > 0 ? options.paths : ['guides'], cwd);
  const rules = { ...config.rules, ...(options.rules ?? {}) };
  const tolerance = options.tolerance ?? config.tolerance;
  const results = await lintPaths(
    paths,
    { cwd, rules, ...(tolerance ? { tolerance } : {}), ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) },
    options.jobs,
  );
  const { errors, warnings } = countProblems(results);
  return {
    results,
    config,
    errorCount: errors,
    warningCount: warnings,
    unreadableCount: results.filter((result) => result.fatalErrorCount > 0).length,
  };
}

/** Keeps errors only (`--quiet`), recounting. */
export function errorsOnly(results: readonly LintResult[]): LintResult[] {
  return results.map((result) => {
    const messages = result.messages.filter((m) => m.severity === 2);
    return { ...result, messages, warningCount: 0 };
  });
}

import type { RuleMeta } from '../validate/rule.js';
import type { Fix } from '../validate/fix.js';

export type { Fix };

/** One finding, ESLint-shaped (plain data: crosses worker threads and goes into JSON). */
export interface LintMessage {
  /** The rule or parser check; `file-unreadable` when the file could not be read. */
  ruleId: string;
  /** 1 warning, 2 error. */
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The rule's documentation. */
  url?: string;
  /** Set when the file could not be linted at all (unreadable, too large). */
  fatal?: true;
  /** The edit that fixes it, when there is one right answer (ESLint's shape; `lint --fix` applies it). */
  fix?: Fix;
}

/** Findings for one file. */
export interface LintResult {
  /** Absolute path. */
  filePath: string;
  /** Relative to the working folder, with `/` separators (what reports show). */
  path: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  /** Messages for files that could not be read (counted among errors). */
  fatalErrorCount: number;
  /** Errors and warnings that carry a fix. */
  fixableErrorCount?: number;
  fixableWarningCount?: number;
  /** The fixed text, when `--fix` or `--fix-dry-run` changed the file (as ESLint reports it). */
  output?: string;
  /** The content hash of the bytes linted (set for `--cache`; not reported). */
  contentHash?: string;
}

export interface ReportOptions {
  /** ANSI colours (text only). */
  color?: boolean;
  /** Rule metadata for SARIF's `tool.driver.rules` (defaults to the registry). */
  rules?: readonly RuleMeta[];
  /** Tool version for SARIF. */
  version?: string;
}

export type Reporter = (results: readonly LintResult[], options?: ReportOptions) => string;

/** Totals over results. */
export function countProblems(results: readonly LintResult[]): { errors: number; warnings: number; files: number; filesWithProblems: number } {
  let errors = 0;
  let warnings = 0;
  let filesWithProblems = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    if (result.messages.length > 0) filesWithProblems += 1;
  }
  return { errors, warnings, files: results.length, filesWithProblems };
}

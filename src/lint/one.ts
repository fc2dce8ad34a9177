import type { VFile } from 'vfile';
import { OfferbriefError } from '../errors.js';
import { defaultMaxBytes, parseGuide } from '../parse/index.js';
import { readRegularFileSync } from '../read.js';
import { INTERNAL_ERROR, validateGuide, type ValidateOptions } from '../validate/index.js';
import { ruleUrl } from '../validate/rule.js';
import type { LintMessage, LintResult } from '../report/types.js';
import { displayPath } from './files.js';

/** Rule id of the fatal message for a file that could not be read. */
export const FILE_UNREADABLE = 'file-unreadable';

export interface LintFileOptions extends ValidateOptions {
  cwd: string;
  maxBytes?: number;
}

/** Turns a validated VFile into a plain result (errors are `fatal === true`, warnings `false`; info messages are dropped). */
export function toResult(file: VFile, filePath: string, cwd: string): LintResult {
  const messages: LintMessage[] = [];
  for (const m of file.messages) {
    if (m.fatal !== true && m.fatal !== false) continue;
    const line = m.line ?? 1;
    const column = m.column ?? 1;
    const end = m.place && 'end' in m.place ? m.place.end : undefined;
    messages.push({
      ruleId: m.ruleId ?? 'unknown',
      severity: m.fatal ? 2 : 1,
      message: m.reason,
      line,
      column,
      endLine: end?.line ?? line,
      endColumn: end?.column ?? column,
      ...(m.url ? { url: m.url } : {}),
    });
  }
  return finish(filePath, cwd, messages);
}

function finish(filePath: string, cwd: string, messages: LintMessage[]): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  for (const m of messages) {
    if (m.severity === 2) errorCount += 1;
    else warningCount += 1;
    if (m.fatal) fatalErrorCount += 1;
  }
  return { filePath, path: displayPath(filePath, cwd), messages, errorCount, warningCount, fatalErrorCount };
}

/** A result holding one fatal message: the file could not be linted. */
export function fatalResult(filePath: string, cwd: string, ruleId: string, message: string): LintResult {
  return finish(filePath, cwd, [
    { ruleId, severity: 2, message, line: 1, column: 1, endLine: 1, endColumn: 1, url: ruleUrl(ruleId), fatal: true },
  ]);
}

/**
 * Reads a file synchronously: in a lint run each thread works through its
 * files one after the other, and four awaited round trips to the libuv pool per
 * file (open, stat, read, close) cost more than the parse itself under load.
 * Only regular files are read (see read.ts). Returns the bytes, or the reason the file cannot be read.
 */
function readBytes(filePath: string, shown: string, maxBytes: number): Uint8Array | string {
  try {
    return readRegularFileSync(filePath, { maxBytes, shown, what: 'guide', hint: 'split it, or raise the limit with --max-size' });
  } catch (error) {
    return error instanceof OfferbriefError ? error.message : String(error);
  }
}

/** Reads, parses and validates one guide. Never throws: I/O problems become a fatal `file-unreadable` message. */
export function lintFileSync(filePath: string, options: LintFileOptions): LintResult {
  const { cwd, maxBytes = defaultMaxBytes, ...validate } = options;
  const shown = displayPath(filePath, cwd);
  const bytes = readBytes(filePath, shown, maxBytes);
  if (typeof bytes === 'string') return fatalResult(filePath, cwd, FILE_UNREADABLE, bytes);
  try {
    const { guide, file } = parseGuide(bytes, { path: shown, maxBytes });
    validateGuide(guide, file, validate);
    return toResult(file, filePath, cwd);
  } catch (error) {
    return fatalResult(filePath, cwd, INTERNAL_ERROR, `Unexpected internal error: ${(error as Error)?.message ?? String(error)}; please report this with the guide`);
  }
}

/** Async form of {@link lintFileSync}, for callers that want one. */
export async function lintFile(filePath: string, options: LintFileOptions): Promise<LintResult> {
  return lintFileSync(filePath, options);
}

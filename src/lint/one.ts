import type { VFile } from 'vfile';
import { OfferbriefError } from '../errors.js';
import { defaultMaxBytes, parseGuide } from '../parse/index.js';
import { readRegularFileSync } from '../read.js';
import { INTERNAL_ERROR, validateGuide, type ValidateOptions } from '../validate/index.js';
import { ruleUrl } from '../validate/rule.js';
import { fixOf } from '../validate/fix.js';
import type { LintMessage, LintResult } from '../report/types.js';
import { displayPath } from './files.js';
import { finish } from './result.js';
import { fixSource } from './fix.js';
import { contentHash } from './cache.js';

/** Rule id of the fatal message for a file that could not be read. */
export const FILE_UNREADABLE = 'file-unreadable';

export interface LintFileOptions extends ValidateOptions {
  cwd: string;
  maxBytes?: number;
  /** Apply the messages' fixes and put the fixed text in `output` (nothing is written here). */
  fix?: boolean;
  /** Put the content hash of the bytes linted in `contentHash` (for the cache). */
  hash?: boolean;
}

/** Turns a validated VFile into a plain result (errors are `fatal === true`, warnings `false`; info messages are dropped). */
export function toResult(file: VFile, filePath: string, cwd: string): LintResult {
  const messages: LintMessage[] = [];
  for (const m of file.messages) {
    if (m.fatal !== true && m.fatal !== false) continue;
    const line = m.line ?? 1;
    const column = m.column ?? 1;
    const end = m.place && 'end' in m.place ? m.place.end : undefined;
    const fix = fixOf(m);
    messages.push({
      ruleId: m.ruleId ?? 'unknown',
      severity: m.fatal ? 2 : 1,
      message: m.reason,
      line,
      column,
      endLine: end?.line ?? line,
      endColumn: end?.column ?? column,
      ...(m.url ? { url: m.url } : {}),
      ...(fix ? { fix: { range: [fix.range[0], fix.range[1]], text: fix.text } } : {}),
    });
  }
  return finish(filePath, cwd, messages);
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
  const { cwd, maxBytes = defaultMaxBytes, fix = false, hash = false, ...validate } = options;
  const shown = displayPath(filePath, cwd);
  const bytes = readBytes(filePath, shown, maxBytes);
  if (typeof bytes === 'string') return fatalResult(filePath, cwd, FILE_UNREADABLE, bytes);
  try {
    const parsed = parseGuide(bytes, { path: shown, maxBytes });
    // Before severities apply: a file that is not UTF-8 is never rewritten, even with encoding-invalid off.
    const rewritable = !parsed.file.messages.some((m) => m.ruleId === 'encoding-invalid');
    validateGuide(parsed.guide, parsed.file, validate);
    let result = toResult(parsed.file, filePath, cwd);
    if (fix && rewritable && result.messages.some((m) => m.fix)) {
      // parseGuide dropped a byte order mark; the fixed file keeps it.
      const text = String(parsed.file.value);
      const fixed = fixSource(text, { ...validate, path: shown, maxBytes }, parsed);
      result = toResult(fixed.file, filePath, cwd);
      if (fixed.output !== text) result.output = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' : '') + fixed.output;
    }
    if (hash) result.contentHash = contentHash(bytes);
    return result;
  } catch (error) {
    return fatalResult(filePath, cwd, INTERNAL_ERROR, `Unexpected internal error: ${(error as Error)?.message ?? String(error)}; please report this with the guide`);
  }
}

/** Async form of {@link lintFileSync}, for callers that want one. */
export async function lintFile(filePath: string, options: LintFileOptions): Promise<LintResult> {
  return lintFileSync(filePath, options);
}

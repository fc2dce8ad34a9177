import { createHash } from 'node:crypto';
import path from 'node:path';
import { VFile } from 'vfile';
import type { Guide } from '../model/guide.js';
import { formatBytes, readRegularFile } from '../read.js';
import { guideFromMarkdown } from './guide.js';
import { decodeUtf8, LineIndex } from './source.js';
import { report } from './report.js';
import { defaultParseBudgetMs, guardStructure, ParseBudgetError, type StructureLimits } from './limits.js';

export { parseCell, findAmounts } from './money.js';
export { columnRole, parseEquityHeader } from './table.js';
export { splitTitle } from './guide.js';
export { readStrategyNumbers } from './strategy.js';

/** Guides larger than this are refused unread (a guide is a few KB). */
export const defaultMaxBytes = 5 * 1024 * 1024;

export interface ParseOptions extends StructureLimits {
  /** Shown in messages; also the VFile's path. */
  path?: string;
  maxBytes?: number;
  /** Milliseconds the Markdown parse may take (default 1000); past it, `parse-timeout`. `Infinity`: no budget. */
  budgetMs?: number;
}

export interface ParsedGuide {
  guide: Guide;
  file: VFile;
}

export function emptyGuide(): Guide {
  return {
    title: { text: '', role: '', company: '', position: null },
    tags: [],
    table: null,
    bands: [],
    sections: [],
    levers: [],
    levelMapping: null,
    strategy: null,
    placeholders: [],
    sources: [],
  };
}

/**
 * Parses a guide's Markdown into the model. Never throws on content: what does
 * not fit becomes a message on the returned VFile and the rest is still read.
 */
export function parseGuide(input: string | Uint8Array, options: ParseOptions = {}): ParsedGuide {
  const file = new VFile({ path: options.path ?? 'guide.md' });
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > maxBytes) {
    report(file, {
      ruleId: 'file-too-large',
      fatal: true,
      place: { start: { line: 1, column: 1 } },
      reason: `Unexpected ${formatBytes(size)} guide, expected at most ${formatBytes(maxBytes)}; split the guide or raise the limit (--max-size)`,
    });
    return { guide: emptyGuide(), file };
  }

  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const decoded = decodeUtf8(input);
    text = decoded.text;
    if (decoded.invalidByte !== -1) {
      // The decoder refused the bytes; firstInvalidUtf8Byte says where (-1 only if the two disagree).
      const offset = Math.max(0, decoded.invalidByte);
      const prefix = decodeUtf8(input.subarray(0, offset)).text;
      const at = new LineIndex(prefix).point(prefix.length);
      const byte = input[offset];
      report(file, {
        ruleId: 'encoding-invalid',
        fatal: true,
        place: { start: { line: at.line, column: at.column } },
        reason: `Unexpected ${byte === undefined ? 'bytes' : `byte 0x${byte.toString(16).padStart(2, '0')}`}, expected UTF-8 text; save the file as UTF-8`,
      });
    }
  }
  text = text.replace(/^\uFEFF/, '');
  file.value = text;

  if (text.trim() === '') {
    report(file, {
      ruleId: 'file-empty',
      fatal: true,
      place: { start: { line: 1, column: 1 } },
      reason: 'Unexpected empty file, expected a guide: a title heading, a band table and its sections',
    });
    return { guide: emptyGuide(), file };
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const at = new LineIndex(text).point(nul);
    report(file, {
      ruleId: 'encoding-invalid',
      fatal: true,
      place: { start: { line: at.line, column: at.column } },
      reason: 'Unexpected NUL character, expected Markdown text; is this a binary file?',
    });
  }
  // Nesting and table limits: the lines past them are blanked and reported, the rest is read.
  const guarded = guardStructure(text, options);
  if (guarded.problems.length > 0) {
    const lines = new LineIndex(text);
    for (const problem of guarded.problems) {
      const at = lines.point(problem.offset);
      report(file, { ruleId: problem.ruleId, fatal: true, place: { start: { line: at.line, column: at.column } }, reason: problem.reason });
    }
  }
  const budgetMs = options.budgetMs ?? defaultParseBudgetMs;
  try {
    return { guide: guideFromMarkdown(guarded.text, file, { budgetMs }), file };
  } catch (error) {
    if (error instanceof ParseBudgetError) {
      report(file, {
        ruleId: 'parse-timeout',
        fatal: true,
        place: { start: { line: error.line, column: 1 } },
        reason: `Unexpected parse taking over ${error.budgetMs} ms (stopped at line ${error.line}), expected a guide that reads in time; split or simplify it`,
      });
      return { guide: emptyGuide(), file };
    }
    // A bug of ours or of the Markdown parser: say so on the file rather than throw, so a
    // batch or a lint run goes on with the other guides.
    report(file, {
      ruleId: 'internal-error',
      fatal: true,
      place: { start: { line: 1, column: 1 } },
      reason: `Unexpected internal error while parsing: ${(error as Error)?.message ?? String(error)}, expected none; please report this with the guide`,
    });
    return { guide: emptyGuide(), file };
  }
}

export interface ReadGuide extends ParsedGuide {
  bytes: Uint8Array;
  sha256: string;
  /** The path as resolved against cwd. */
  path: string;
}

/**
 * Reads and parses a guide file. A missing, unreadable or oversized file, or one that is not a
 * regular file, is an IoError (exit 2); an oversized one is refused from its size, without reading it.
 */
export async function readGuide(file: string, options: { cwd?: string; maxBytes?: number } = {}): Promise<ReadGuide> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  // Only a regular file, its size checked on the open handle (a FIFO or /dev/zero is refused unread).
  const bytes = await readRegularFile(absolute, { maxBytes, shown: file, what: 'guide', hint: 'split it, or raise the limit with --max-size' });
  const parsed = parseGuide(bytes, { path: file, maxBytes });
  return { ...parsed, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), path: absolute };
}

export { formatBytes };

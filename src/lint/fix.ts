import type { VFile } from 'vfile';
import type { Guide } from '../model/guide.js';
import { fixOf, type Fix } from '../validate/fix.js';
import { lintGuideSource, type LintSourceOptions } from '../validate/index.js';

/** ESLint's limit: a fix that makes room for another is applied on the next pass, at most this many. */
export const MAX_FIX_PASSES = 10;

/**
 * Applies fixes to `text`, in order of their ranges; a fix that overlaps one
 * already applied is left for the next pass (as ESLint does).
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { output: string; applied: number } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let at = 0;
  let applied = 0;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    if (start < at || end < start || end > text.length) continue;
    output += text.slice(at, start) + fix.text;
    at = end;
    applied += 1;
  }
  return { output: output + text.slice(at), applied };
}

/** The fixes of a linted file's messages. */
export function fixesOf(file: VFile): Fix[] {
  return file.messages.flatMap((message) => {
    const fix = fixOf(message);
    return fix ? [fix] : [];
  });
}

export interface FixedSource {
  /** The text after every pass. */
  output: string;
  /** Fixes applied, over all passes. */
  fixCount: number;
  /** The last lint of `output`. */
  guide: Guide;
  file: VFile;
}

/**
 * Lints `text` and applies its fixes, again and again until no fix is left
 * (at most MAX_FIX_PASSES passes); returns the text and its last lint.
 * `first`, when given, is the lint of `text` already done.
 */
export function fixSource(text: string, options: LintSourceOptions = {}, first?: { guide: Guide; file: VFile }): FixedSource {
  let current = text;
  let linted = first ?? lintGuideSource(current, options);
  let fixCount = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes = fixesOf(linted.file);
    if (fixes.length === 0) break;
    const { output, applied } = applyFixes(current, fixes);
    if (applied === 0 || output === current) break;
    fixCount += applied;
    current = output;
    linted = lintGuideSource(current, options);
  }
  return { output: current, fixCount, guide: linted.guide, file: linted.file };
}

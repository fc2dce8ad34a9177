import { FILE_HEADERS_ONLY, createTwoFilesPatch } from 'diff';
import type { LintResult } from '../report/types.js';

/**
 * The fixes of a `--fix-dry-run` as one unified diff, a file after the other
 * in path order, with `a/` and `b/` paths relative to the working folder (so
 * `git apply` or `patch -p1` can apply it).
 */
export async function unifiedDiff(results: readonly LintResult[]): Promise<string> {
  let out = '';
  for (const result of results) {
    if (result.output === undefined) continue;
    const before = await import('node:fs/promises').then((fs) => fs.readFile(result.filePath, 'utf8'));
    out += createTwoFilesPatch(`a/${result.path}`, `b/${result.path}`, before, result.output, undefined, undefined, {
      context: 3,
      headerOptions: FILE_HEADERS_ONLY,
    });
  }
  return out;
}

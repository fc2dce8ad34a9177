import type { LintMessage, LintResult } from '../report/types.js';
import { displayPath } from './files.js';

/** A file's result from its messages, with the counts. */
export function finish(filePath: string, cwd: string, messages: LintMessage[]): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) errorCount += 1;
    else warningCount += 1;
    if (m.fatal) fatalErrorCount += 1;
    if (m.fix && m.severity === 2) fixableErrorCount += 1;
    else if (m.fix) fixableWarningCount += 1;
  }
  return { filePath, path: displayPath(filePath, cwd), messages, errorCount, warningCount, fatalErrorCount, fixableErrorCount, fixableWarningCount };
}


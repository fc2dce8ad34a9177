import type { Reporter } from './types.js';

/**
 * ESLint's JSON format: an array with one entry per file. `filePath` is
 * absolute, like ESLint's; messages carry `endLine`/`endColumn` and, for a file
 * that could not be read, `fatal: true`; a message with one right answer has
 * `fix: {range: [start, end], text}` (UTF-16 offsets into the text after a
 * byte order mark), and a file that `--fix` changed has its fixed `output`.
 */
export const formatJson: Reporter = (results) => {
  const out = results.map((result) => ({
    filePath: result.filePath,
    messages: result.messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      ...(m.fatal ? { fatal: true } : {}),
      ...(m.fix ? { fix: { range: m.fix.range, text: m.fix.text } } : {}),
    })),
    suppressedMessages: [],
    errorCount: result.errorCount,
    fatalErrorCount: result.fatalErrorCount,
    warningCount: result.warningCount,
    fixableErrorCount: result.fixableErrorCount ?? 0,
    fixableWarningCount: result.fixableWarningCount ?? 0,
    ...(result.output !== undefined ? { output: result.output } : {}),
    usedDeprecatedRules: [],
  }));
  return `${JSON.stringify(out)}\n`;
};

import type { Reporter } from './types.js';

/**
 * ESLint's JSON format: an array with one entry per file. `filePath` is
 * absolute, like ESLint's; messages carry `endLine`/`endColumn` and, for a file
 * that could not be read, `fatal: true`.
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
    })),
    suppressedMessages: [],
    errorCount: result.errorCount,
    fatalErrorCount: result.fatalErrorCount,
    warningCount: result.warningCount,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  }));
  return `${JSON.stringify(out)}\n`;
};

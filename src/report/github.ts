import type { Reporter } from './types.js';

/** Escapes a workflow command's message (%, CR, LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (also `:` and `,`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=guides/a.md,line=9,col=47,endLine=9,endColumn=61,title=tc-mismatch::Unexpected ...`
 * (`::warning` for warnings). Paths are relative to the working folder.
 */
export const formatGithub: Reporter = (results) => {
  const lines: string[] = [];
  for (const result of results) {
    for (const m of result.messages) {
      const command = m.severity === 2 ? 'error' : 'warning';
      const properties = [
        `file=${escapeProperty(result.path)}`,
        `line=${m.line}`,
        `col=${m.column}`,
        `endLine=${m.endLine}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(m.ruleId)}`,
      ].join(',');
      lines.push(`::${command} ${properties}::${escapeData(m.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};

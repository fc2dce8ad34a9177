import pc from 'picocolors';
import type { Reporter } from './types.js';
import { countProblems } from './types.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Human output, grouped by file:
 *
 *     guides/acme.md
 *        9:47  error    Unexpected total comp high $352K, expected ...  tc-mismatch
 *
 *     ✖ 1 problem (1 error, 0 warnings) in 1 of 3 files
 *
 * Colours only when `color` is set (the CLI sets it for a TTY).
 */
export const formatText: Reporter = (results, options = {}) => {
  const c = pc.createColors(options.color === true);
  const out: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const rows = result.messages.map((m) => ({
      place: `${m.line}:${m.column}`,
      severity: m.severity === 2 ? 'error' : 'warning',
      message: m.message.replace(/\s*\n\s*/g, ' '),
      rule: m.ruleId,
    }));
    const placeWidth = Math.max(...rows.map((r) => r.place.length));
    const messageWidth = Math.max(...rows.map((r) => r.message.length));
    out.push(c.underline(result.path));
    for (const row of rows) {
      const [line, column] = row.place.split(':');
      const place = c.dim(`${' '.repeat(placeWidth - row.place.length)}${line}:${column}`);
      const severity = row.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      out.push(`  ${place}  ${severity}  ${row.message.padEnd(messageWidth)}  ${c.dim(row.rule)}`);
    }
    out.push('');
  }
  const { errors, warnings, files, filesWithProblems } = countProblems(results);
  const problems = errors + warnings;
  if (problems === 0) {
    out.push(c.green(`✔ No problems in ${plural(files, 'file')}`));
  } else {
    const summary = `✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${filesWithProblems} of ${plural(files, 'file')}`;
    out.push(c.bold(errors > 0 ? c.red(summary) : c.yellow(summary)));
  }
  return `${out.join('\n')}\n`;
};

import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { roleHeaders } from '../cells.js';

const required = ['region', 'base', 'totalComp'] as const;

export const columnMissing: Rule = {
  meta: {
    id: 'column-missing',
    url: ruleUrl('column-missing'),
    severity: 'error',
    description: 'The band table has Region, Base Salary and Total Comp columns.',
  },
  check(guide, file) {
    const table = guide.table;
    if (!table) return;
    const have = new Set(table.columns.map((column) => column.role));
    const header = table.columns.length > 0
      ? {
          line: table.position.line,
          column: table.position.column,
          endLine: table.position.line,
          endColumn: Math.max(...table.columns.map((c) => (c.position.line === table.position.line ? c.position.endColumn : 0)), table.position.column + 1),
        }
      : table.position;
    for (const role of required) {
      if (have.has(role)) continue;
      const found = table.columns.map((c) => `"${c.text}"`).join(', ') || 'none';
      report(
        file,
        this.meta,
        `Unexpected band table without a ${roleHeaders[role]} column, expected columns Region, Base Salary and Total Comp (found ${found})`,
        header,
      );
    }
  },
};

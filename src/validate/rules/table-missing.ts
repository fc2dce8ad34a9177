import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { unreadable } from '../cells.js';

export const tableMissing: Rule = {
  meta: {
    id: 'table-missing',
    url: ruleUrl('table-missing'),
    severity: 'error',
    description: 'The guide has a band table.',
  },
  check(guide, file) {
    if (guide.table !== null || unreadable(file)) return;
    report(
      file,
      this.meta,
      'Unexpected guide without a band table, expected a table with Region, Base Salary and Total Comp columns',
      guide.title.position,
    );
  },
};

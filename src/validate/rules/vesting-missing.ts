import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';

export const vestingMissing: Rule = {
  meta: {
    id: 'vesting-missing',
    url: ruleUrl('vesting-missing'),
    severity: 'warn',
    description: 'The equity header names its vesting period; 4 years is assumed when it does not.',
  },
  check(guide, file) {
    const equity = guide.table?.equity;
    if (!equity || equity.vestingYears !== null) return;
    const header = guide.table?.columns.find((c) => c.role === 'equity');
    const text = header?.text.trim() || 'Equity';
    const kind = equity.kind.trim() || 'RSU';
    report(
      file,
      this.meta,
      `Unexpected equity header "${text}" without a vesting period, expected one like "Equity (${kind}/4yr)"; 4 years is assumed`,
      equity.position,
    );
  },
};

import type { Rule } from '../rule.js';
import { beyondTolerance, report, ruleUrl } from '../rule.js';
import { formatMoney, roundToStep, writtenStep } from '../money.js';
import { explainPackage, mentionPosition, packageTotal } from '../strategy.js';
import { attachFix, rewriteNumber, valueToWrite } from '../fix.js';

export const strategyTcMismatch: Rule = {
  meta: {
    id: 'strategy-tc-mismatch',
    url: ruleUrl('strategy-tc-mismatch'),
    severity: 'error',
    fixable: true,
    description: "The strategy's stated TC equals base + equity / vesting years (+ the bonus it names), within the tolerance.",
  },
  check(guide, file, { tolerance }) {
    const strategy = guide.strategy;
    if (!strategy) return;
    for (const which of ['target', 'floor'] as const) {
      const pkg = strategy[which];
      if (!pkg || pkg.totalComp === null) continue;
      const expected = packageTotal(pkg);
      if (expected === null || !beyondTolerance(pkg.totalComp, expected, tolerance)) continue;
      const money = (n: number) => formatMoney(n, strategy.currency);
      const shown = roundToStep(expected, writtenStep(pkg.totalComp));
      const mention = strategy.mentions.find((m) => m.field === `${which}.totalComp`);
      const message = report(
        file,
        this.meta,
        `Unexpected ${which} TC ${money(pkg.totalComp)}, expected ${money(shown)} (${explainPackage(pkg, strategy.currency)})`,
        mentionPosition(strategy, `${which}.totalComp`),
      );
      // The stated TC follows the package it sums up.
      const value = valueToWrite(expected, pkg.totalComp, tolerance);
      if (mention && value !== null) attachFix(message, rewriteNumber(file, mention.position, 0, 1, pkg.totalComp, value));
    }
  },
};

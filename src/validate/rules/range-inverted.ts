import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { moneyCells, roleLabels } from '../cells.js';
import { formatMoney, formatPercent } from '../money.js';

export const rangeInverted: Rule = {
  meta: {
    id: 'range-inverted',
    url: ruleUrl('range-inverted'),
    severity: 'error',
    description: 'Every range is written low to high.',
  },
  check(guide, file) {
    for (const band of guide.bands) {
      for (const { role, cell } of moneyCells(band)) {
        if ((cell.kind !== 'range' && cell.kind !== 'percent') || !cell.value) continue;
        const { low, high } = cell.value;
        if (!(low > high)) continue;
        const currency = cell.currencies[0] ?? band.currency;
        const f = (n: number) => (cell.kind === 'percent' ? formatPercent(n) : formatMoney(n, currency));
        report(
          file,
          this.meta,
          `Unexpected ${roleLabels[role]} range ${f(low)}-${f(high)} with its low end above its high end, expected ${f(high)}-${f(low)}`,
          cell.position,
        );
      }
    }
  },
};

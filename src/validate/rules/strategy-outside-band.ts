import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { formatMoneyRange, formatMoney } from '../money.js';
import { mentionPosition } from '../strategy.js';

export const strategyOutsideBand: Rule = {
  meta: {
    id: 'strategy-outside-band',
    url: ruleUrl('strategy-outside-band'),
    severity: 'warn',
    description: "The strategy's target and floor bases fall within at least one region's base band.",
  },
  check(guide, file) {
    const strategy = guide.strategy;
    if (!strategy) return;
    const bands = guide.bands.flatMap((band) => {
      const cell = band.cells.base;
      if (!cell || (cell.kind !== 'amount' && cell.kind !== 'range') || !cell.value) return [];
      if (cell.value.low > cell.value.high) return [];
      const currency = cell.currencies[0] ?? band.currency;
      if (currency !== strategy.currency) return [];
      return [{ region: band.region, low: cell.value.low, high: cell.value.high }];
    });
    if (bands.length === 0) return;
    for (const which of ['target', 'floor'] as const) {
      const pkg = strategy[which];
      if (!pkg) continue;
      const base = pkg.base;
      if (bands.some((b) => b.low <= base && base <= b.high)) continue;
      const distance = (b: { low: number; high: number }) => (base < b.low ? b.low - base : base - b.high);
      const nearest = bands.reduce((best, b) => (distance(b) < distance(best) ? b : best));
      report(
        file,
        this.meta,
        `Unexpected ${which} base ${formatMoney(base, strategy.currency)} outside every region's base band, expected a base within one, e.g. ${nearest.region} ${formatMoneyRange(nearest.low, nearest.high, strategy.currency)}`,
        mentionPosition(strategy, `${which}.base`),
      );
    }
  },
};

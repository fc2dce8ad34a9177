import type { Position, Strategy, StrategyField, StrategyPackage } from '../model/guide.js';
import { formatMoney } from './money.js';

/** Where the strategy writes `field`, else the strategy's own position. */
export function mentionPosition(strategy: Strategy, field: StrategyField): Position {
  return strategy.mentions.find((m) => m.field === field)?.position ?? strategy.position;
}

export function hasMention(strategy: Strategy, field: StrategyField): boolean {
  return strategy.mentions.some((m) => m.field === field);
}

/** base + equity / vesting years (+ bonus when named), or null when the vesting period is unusable. */
export function packageTotal(pkg: StrategyPackage): number | null {
  if (pkg.equity !== 0 && !(pkg.vestingYears > 0)) return null;
  return pkg.base + (pkg.equity === 0 ? 0 : pkg.equity / pkg.vestingYears) + (pkg.bonus ?? 0);
}

/** "$228K + $320K/4yr (+ $20K)" */
export function explainPackage(pkg: StrategyPackage, currency: string): string {
  const parts = [formatMoney(pkg.base, currency)];
  if (pkg.equity !== 0) {
    const years = Number.isInteger(pkg.vestingYears) ? pkg.vestingYears : Number(pkg.vestingYears.toFixed(2));
    parts.push(`${formatMoney(pkg.equity, currency)}/${years}yr`);
  }
  if (pkg.bonus !== null && pkg.bonus !== 0) parts.push(formatMoney(pkg.bonus, currency));
  return parts.join(' + ');
}

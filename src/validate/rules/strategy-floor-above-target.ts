import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { formatMoney } from '../money.js';
import { explainPackage, hasMention, mentionPosition, packageTotal } from '../strategy.js';

export const strategyFloorAboveTarget: Rule = {
  meta: {
    id: 'strategy-floor-above-target',
    url: ruleUrl('strategy-floor-above-target'),
    severity: 'error',
    description: "The strategy's floor (walk-away) base and TC are at or below its target's.",
  },
  check(guide, file) {
    const strategy = guide.strategy;
    if (!strategy?.target || !strategy.floor) return;
    const { target, floor } = strategy;
    const money = (n: number) => formatMoney(n, strategy.currency);
    if (floor.base > target.base) {
      report(
        file,
        this.meta,
        `Unexpected floor base ${money(floor.base)} above the target base ${money(target.base)}, expected the floor at or below the target`,
        mentionPosition(strategy, 'floor.base'),
      );
    }
    const floorTc = floor.totalComp ?? packageTotal(floor);
    const targetTc = target.totalComp ?? packageTotal(target);
    if (floorTc === null || targetTc === null || !(floorTc > targetTc)) return;
    const describe = (pkg: typeof floor, tc: number) =>
      pkg.totalComp === null ? `${money(tc)} (${explainPackage(pkg, strategy.currency)})` : money(tc);
    const at = hasMention(strategy, 'floor.totalComp') ? mentionPosition(strategy, 'floor.totalComp') : mentionPosition(strategy, 'floor.base');
    report(
      file,
      this.meta,
      `Unexpected floor TC ${describe(floor, floorTc)} above the target TC ${describe(target, targetTc)}, expected the floor at or below the target`,
      at,
    );
  },
};

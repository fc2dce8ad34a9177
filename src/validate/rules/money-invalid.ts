import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { moneyCells, quoted, roleLabels } from '../cells.js';

export const moneyInvalid: Rule = {
  meta: {
    id: 'money-invalid',
    url: ruleUrl('money-invalid'),
    severity: 'error',
    description: 'Every money cell is an amount, a range, a percentage (bonus only) or a none mark.',
  },
  check(guide, file) {
    for (const band of guide.bands) {
      for (const { role, cell } of moneyCells(band)) {
        const percentOutsideBonus = cell.kind === 'percent' && role !== 'bonus';
        if (cell.kind !== 'invalid' && !percentOutsideBonus) continue;
        const expected = role === 'bonus'
          ? 'an amount like $20K, a range like $20K-$30K, a percentage range like 10%-15% or — for none'
          : 'an amount like $188K, a range like $188K-$235K or — for none';
        const what = percentOutsideBonus ? `percentage ${quoted(cell.text)}` : quoted(cell.text);
        report(file, this.meta, `Unexpected ${roleLabels[role]} ${what} for ${band.region || 'a region'}, expected ${expected}`, cell.position);
      }
    }
  },
};

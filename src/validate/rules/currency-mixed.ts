import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { moneyCells, roleLabels } from '../cells.js';
import { currencyPrefix } from '../money.js';

function named(code: string): string {
  const prefix = currencyPrefix(code).trim();
  return prefix === code ? code : `${code} (${prefix})`;
}

export const currencyMixed: Rule = {
  meta: {
    id: 'currency-mixed',
    url: ruleUrl('currency-mixed'),
    severity: 'error',
    description: 'All amounts of one band row are in one currency.',
  },
  check(guide, file) {
    for (const band of guide.bands) {
      const cells = moneyCells(band).filter(({ cell }) => cell.currencies.length > 0);
      const first = cells[0];
      if (!first) continue;
      // The row's currency: its base salary's, else the first amount's.
      const baseCurrency = band.cells.base?.currencies[0];
      const rowCurrency = baseCurrency ?? first.cell.currencies[0]!;
      for (const { role, cell } of cells) {
        const other = cell.currencies.find((code) => code !== rowCurrency);
        if (other === undefined) continue;
        report(
          file,
          this.meta,
          `Unexpected ${named(other)} in ${roleLabels[role]} of ${band.region || 'a region'}, expected ${named(rowCurrency)} like the rest of the row`,
          cell.position,
        );
      }
    }
  },
};

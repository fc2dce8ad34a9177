import type { Band, Cell, Guide } from '../../model/guide.js';
import type { Rule } from '../rule.js';
import { beyondTolerance, report, ruleUrl } from '../rule.js';
import { formatMoney, formatPercent, roundToStep, writtenStep } from '../money.js';
import { attachFix, rewriteNumber, valueToWrite } from '../fix.js';

const defaultVestingYears = 4;

type End = 'low' | 'high';

function years(n: number): string {
  return `${Number.isInteger(n) ? n : Number(n.toFixed(2))}yr`;
}

function isMoney(cell: Cell): boolean {
  return (cell.kind === 'amount' || cell.kind === 'range') && cell.value !== null;
}

function inverted(cell: Cell | null): boolean {
  return cell?.value != null && cell.value.low > cell.value.high;
}

interface Term {
  value(end: End): number;
  explain(end: End): string;
}

/** The terms of one row's sum, or null when a needed cell cannot be read (money-invalid reports those). */
function terms(guide: Guide, band: Band): { base: Cell; total: Cell; currency: string; parts: Term[] } | null {
  const { base, equity, bonus, totalComp } = band.cells;
  if (!base || !totalComp || !isMoney(base) || !isMoney(totalComp)) return null;
  if ([base, equity, bonus, totalComp].some(inverted)) return null;
  const currency = base.currencies[0] ?? band.currency;
  const cells = [base, equity, bonus, totalComp].filter((c): c is Cell => c !== null);
  if (cells.some((c) => c.currencies.some((code) => code !== currency))) return null;
  const money = (n: number) => formatMoney(n, currency);
  const baseValue = base.value!;
  const parts: Term[] = [{ value: (end) => baseValue[end], explain: (end) => money(baseValue[end]) }];
  if (equity && equity.kind !== 'none') {
    if (!isMoney(equity)) return null;
    const vesting = guide.table?.equity?.vestingYears ?? defaultVestingYears;
    if (!(vesting > 0)) return null;
    const v = equity.value!;
    parts.push({ value: (end) => v[end] / vesting, explain: (end) => `${money(v[end])}/${years(vesting)}` });
  }
  if (bonus && bonus.kind !== 'none') {
    const v = bonus.value;
    if (!v) return null;
    if (bonus.kind === 'percent') {
      parts.push({
        value: (end) => (v[end] / 100) * baseValue[end],
        explain: (end) => `${formatPercent(v[end])} × ${money(baseValue[end])}`,
      });
    } else if (isMoney(bonus)) {
      parts.push({ value: (end) => v[end], explain: (end) => money(v[end]) });
    } else {
      return null;
    }
  }
  return { base, total: totalComp, currency, parts };
}

export const tcMismatch: Rule = {
  meta: {
    id: 'tc-mismatch',
    url: ruleUrl('tc-mismatch'),
    severity: 'error',
    fixable: true,
    description: 'Each stated total comp equals base + equity / vesting years + bonus, at both ends, within the tolerance.',
  },
  check(guide, file, { tolerance }) {
    for (const band of guide.bands) {
      const row = terms(guide, band);
      if (!row) continue;
      const stated = row.total.value!;
      const expectedOf = (end: End) => row.parts.reduce((sum, part) => sum + part.value(end), 0);
      const single = row.total.kind === 'amount' && expectedOf('low') === expectedOf('high');
      for (const end of ['low', 'high'] as const) {
        if (single && end === 'high') break;
        const expected = expectedOf(end);
        if (!beyondTolerance(stated[end], expected, tolerance)) continue;
        const shown = roundToStep(expected, writtenStep(stated[end]));
        const label = single ? 'total comp' : `total comp ${end}`;
        const sum = row.parts.map((part) => part.explain(end)).join(' + ');
        const message = report(
          file,
          this.meta,
          `Unexpected ${label} ${formatMoney(stated[end], row.currency)}, expected ${formatMoney(shown, row.currency)} (${sum})`,
          row.total.position,
        );
        // The total follows its parts. A single amount standing for a range of parts has no one right value.
        const value = valueToWrite(expected, stated[end], tolerance);
        if (value !== null && (single || row.total.kind === 'range')) {
          attachFix(message, rewriteNumber(file, row.total.position, single ? 0 : end === 'low' ? 0 : 1, single ? 1 : 2, stated[end], value));
        }
      }
    }
  },
};

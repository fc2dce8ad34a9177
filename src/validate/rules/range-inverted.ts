import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { moneyCells, roleLabels } from '../cells.js';
import { formatMoney, formatPercent } from '../money.js';
import { attachFix, sourceAt, valueOf, writtenNumbers, type Fix } from '../fix.js';
import type { VFile } from 'vfile';
import type { Position } from '../../model/guide.js';

/** Swaps the two ends of the range at `position`: their digits when they share a scale, else the whole amounts. */
function swapFix(file: VFile, position: Position, low: number, high: number): Fix | null {
  const at = sourceAt(file, position);
  if (!at) return null;
  const numbers = writtenNumbers(at.text);
  if (numbers.length !== 2) return null;
  const [a, b] = numbers as [(typeof numbers)[0], (typeof numbers)[0]];
  const aScale = a.hasSuffix || !b.hasSuffix ? a.scale : b.scale;
  if (valueOf(a, aScale) !== low || valueOf(b) !== high) return null;
  const digitsOnly = !a.hasSuffix || a.scale === b.scale;
  const [from, to] = digitsOnly ? [a.numberStart, b.numberEnd] : [a.start, b.end];
  const first = digitsOnly ? a.digits : at.text.slice(a.start, a.end);
  const second = digitsOnly ? b.digits : at.text.slice(b.start, b.end);
  const between = at.text.slice(digitsOnly ? a.numberEnd : a.end, digitsOnly ? b.numberStart : b.start);
  return { range: [at.start + from, at.start + to], text: `${second}${between}${first}` };
}

export const rangeInverted: Rule = {
  meta: {
    id: 'range-inverted',
    url: ruleUrl('range-inverted'),
    severity: 'error',
    fixable: true,
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
        const message = report(
          file,
          this.meta,
          `Unexpected ${roleLabels[role]} range ${f(low)}-${f(high)} with its low end above its high end, expected ${f(high)}-${f(low)}`,
          cell.position,
        );
        // A range written high to low has one right order.
        attachFix(message, swapFix(file, cell.position, low, high));
      }
    }
  },
};

/** Lint's money helpers: the shared formatting (src/money.ts), ranges, percentages, written precision. */
import { formatMoney } from '../money.js';

export { currencyPrefix, formatMoney } from '../money.js';

/** `value` rounded to at most `digits` decimals, trailing zeros dropped ("1.20" → "1.2"). */
function trimmed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** "$188K-$235K", or one amount when both ends are equal. */
export function formatMoneyRange(low: number, high: number, currency = 'USD'): string {
  return low === high ? formatMoney(low, currency) : `${formatMoney(low, currency)}-${formatMoney(high, currency)}`;
}

/** A percentage as guides write it: "15%", "12.5%". */
export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${trimmed(value, 2)}%` : '?';
}

/**
 * The step a written amount is precise to: 1,000 for "$352K", 100 for
 * "£134.5K", 1 for "$95,250". Used to show an expected value at the
 * precision the guide writes its own numbers.
 */
export function writtenStep(value: number): number {
  if (Number.isInteger(value / 1000)) return 1000;
  if (Number.isInteger(value / 100)) return 100;
  return 1;
}

/** Rounds to a multiple of `step`, halves to even (332.5K → 332K, 333.5K → 334K). */
export function roundToStep(value: number, step: number): number {
  const scaled = value / step;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  const epsilon = 1e-9;
  let rounded: number;
  if (Math.abs(diff - 0.5) < epsilon) rounded = floor % 2 === 0 ? floor : floor + 1;
  else rounded = Math.round(scaled);
  return rounded * step;
}

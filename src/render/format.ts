/** Money and date formatting for the brief: short, unambiguous, the way coaches write them ($231K). */
import { currencyPrefix, formatBriefMoney } from '../money.js';

export { currencyPrefix };

/** The date of an undated brief: printed nowhere, used only for the PDF's metadata. */
export const UNDATED = '1970-01-01';

/** English possessive of a name: "Lumen Labs'" after a final s, "Scale AI's" otherwise. */
export function possessive(name: string, apostrophe = "'"): string {
  return /s$/i.test(name) ? `${name}${apostrophe}` : `${name}${apostrophe}s`;
}

/** `231000` → `$231K`, `1250000` → `$1.25M`; negative amounts get a true minus sign (−). */
export function formatMoney(value: number, currency: string): string {
  return formatBriefMoney(value, currency);
}

/** A signed gap: `+$12K`, `−$3K`, `$0`. */
export function formatGap(value: number, currency: string): string {
  if (Math.round(value) === 0) return formatMoney(0, currency);
  return value > 0 ? `+${formatMoney(value, currency)}` : formatMoney(value, currency);
}

/** `$188K–$235K`, or one amount when both ends agree. */
export function formatRange(range: { low: number; high: number }, currency: string): string {
  if (range.low === range.high) return formatMoney(range.low, currency);
  const high = formatMoney(range.high, currency);
  // A code prefix is written once: `CHF 140K–185K`, not `CHF 140K–CHF 185K`.
  const prefix = currencyPrefix(currency);
  return `${formatMoney(range.low, currency)}–${prefix.endsWith(' ') && high.startsWith(prefix) ? high.slice(prefix.length) : high}`;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** `2026-03-05` → `5 March 2026`. */
export function formatLongDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

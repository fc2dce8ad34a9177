/** Money and date formatting for the brief: short, unambiguous, the way coaches write them ($231K). */

const SYMBOLS: Record<string, string> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  INR: '₹',
  JPY: '¥',
  BRL: 'R$',
  CAD: 'C$',
  AUD: 'A$',
  SGD: 'S$',
  HKD: 'HK$',
  NZD: 'NZ$',
  MXN: 'MX$',
  KRW: '₩',
  ILS: '₪',
  PLN: 'zł ',
};

/** The prefix written before an amount: a symbol, or the ISO code and a space (CHF 150K). */
export function currencyPrefix(currency: string): string {
  return SYMBOLS[currency] ?? `${currency} `;
}

function trimNumber(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** `231000` → `$231K`, `1250000` → `$1.25M`, `950` → `$950`; negative amounts get a minus sign (−). */
export function formatMoney(value: number, currency: string): string {
  const sign = value < 0 ? '−' : '';
  const abs = Math.abs(value);
  const prefix = currencyPrefix(currency);
  let body: string;
  if (abs >= 1_000_000) body = `${trimNumber(abs / 1_000_000, 2)}M`;
  else if (abs >= 1_000) body = `${trimNumber(abs / 1_000, 1)}K`;
  else body = trimNumber(abs, 0);
  return `${sign}${prefix}${body}`;
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

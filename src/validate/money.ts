/**
 * Money the way guides write it: "$188K", "$1.2M", "£134.5K", "CHF 150K".
 * Shared by lint messages and (optionally) the personalize/render steps.
 */

/** Prefix written before an amount, by ISO 4217 code. Codes not listed are written "XYZ 150K". */
const prefixes: Readonly<Record<string, string>> = {
  USD: '$',
  GBP: '£',
  EUR: '€',
  BRL: 'R$',
  CHF: 'CHF ',
  JPY: '¥',
  CNY: 'CN¥',
  INR: '₹',
  KRW: '₩',
  ILS: '₪',
  CAD: 'CA$',
  AUD: 'A$',
  NZD: 'NZ$',
  SGD: 'S$',
  HKD: 'HK$',
  MXN: 'MX$',
  PLN: 'PLN ',
  SEK: 'SEK ',
  NOK: 'NOK ',
  DKK: 'DKK ',
};

/** The prefix for a currency code ("$" for USD, "CHF " for CHF, "XYZ " for an unknown code). */
export function currencyPrefix(currency: string): string {
  const code = currency.trim().toUpperCase();
  return prefixes[code] ?? (code === '' ? '$' : `${code} `);
}

/** `value` rounded to at most `digits` decimals, trailing zeros dropped ("1.20" → "1.2"). */
function trimmed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Formats an amount of `currency` (ISO 4217) the way guides write it:
 * millions as "$1.2M" (up to two decimals), thousands as "$188K" / "£134.5K"
 * (up to one decimal), smaller amounts in full ("$950"). Negative amounts get
 * a leading minus ("-$5K"); non-finite values are written as "?".
 */
export function formatMoney(value: number, currency = 'USD'): string {
  if (!Number.isFinite(value)) return '?';
  const prefix = currencyPrefix(currency);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  let body: string;
  if (abs >= 999_950) {
    body = `${trimmed(abs / 1_000_000, 2)}M`;
  } else if (abs >= 1000) {
    body = `${trimmed(abs / 1000, 1)}K`;
  } else {
    body = trimmed(abs, 2);
  }
  if (body === '0') return `${prefix}0`;
  return `${sign}${prefix}${body}`;
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

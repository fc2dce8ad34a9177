/**
 * Money the way guides write it: "$188K", "$1.2M", "£134.5K", "CHF 150K".
 * One table of currency prefixes for lint messages, the brief's numbers and the PDF.
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
  CAD: 'C$',
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


/**
 * An amount as the brief prints it: `formatMoney`'s one form (K below a million, M from a
 * million with at most two decimals, no trailing zeros), with a true minus sign (−).
 */
export function formatBriefMoney(value: number, currency = 'USD'): string {
  let table = briefMoney.get(currency);
  if (!table) {
    table = new Map();
    briefMoney.set(currency, table);
  }
  let text = table.get(value);
  if (text === undefined) {
    text = formatMoney(value, currency).replace(/^-/, '−');
    if (briefMoneyCount >= BRIEF_MONEY_LIMIT) {
      for (const other of briefMoney.values()) other.clear();
      briefMoneyCount = 0;
    }
    table.set(value, text);
    briefMoneyCount++;
  }
  return text;
}

/**
 * Printed amounts by currency and value: a brief prints the same few dozen amounts in every
 * measure pass of its fit and again in the full pass (~3% of a render). Emptied when full.
 */
const briefMoney = new Map<string, Map<number, string>>();
let briefMoneyCount = 0;
const BRIEF_MONEY_LIMIT = 20_000;

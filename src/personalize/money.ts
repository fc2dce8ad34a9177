import { currencyPrefix } from '../money.js';

/**
 * Money helpers of the brief: rounding to the nearest 1,000 and formatting an
 * amount "like" one written in a guide ("$231K", "£134.5K", "$1.2M", "$95,000").
 */

/** Rounds to the nearest 1,000, halves away from zero (85,500 → 86,000); never returns -0. */
export function round1000(value: number): number {
  const rounded = Math.sign(value) * Math.round(Math.abs(value) / 1000) * 1000;
  return rounded === 0 ? 0 : rounded;
}

/** How an amount is written: what precedes the number, its scale letter, what follows. */
export interface MoneyStyle {
  prefix: string;
  /** `K`/`k` (thousands), `M`/`m` (millions), or '' for the full amount. */
  scale: string;
  /** True when the full amount used thousands separators ("95,000"). */
  grouped: boolean;
  suffix: string;
}

export { currencyPrefix };

/** Reads the style of an amount as written ("$231K" → prefix "$", scale "K"). */
export function moneyStyleOf(raw: string): MoneyStyle {
  const match = /^(.*?)(\d[\d,]*(?:\.\d+)?)\s*([KkMm]?)(.*)$/s.exec(raw.trim());
  if (!match) return { prefix: '', scale: 'K', grouped: false, suffix: '' };
  const [, prefix = '', digits = '', scale = '', suffix = ''] = match;
  return { prefix, scale, grouped: digits.includes(','), suffix };
}

function trimDecimals(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.?0+$/, '');
}

/**
 * Formats `value` (whole currency units) in `currency`, written like `like` when given
 * (same scale letter; same prefix/suffix when `likeCurrency` equals `currency`),
 * else as thousands (`$239K`, `£134.5K`) or, from a million, millions (`$1.728M`).
 */
export function formatMoney(value: number, currency: string, like?: string, likeCurrency?: string): string {
  const style =
    like === undefined ? { prefix: '', scale: Math.abs(value) >= 1_000_000 ? 'M' : 'K', grouped: false, suffix: '' } : moneyStyleOf(like);
  const sameCurrency = like !== undefined && (likeCurrency === undefined || likeCurrency === currency) && style.prefix + style.suffix !== '';
  const prefix = sameCurrency ? style.prefix : currencyPrefix(currency);
  const suffix = sameCurrency ? style.suffix : '';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  let number: string;
  if (abs === 0) number = '0';
  else if (style.scale === 'K' || style.scale === 'k') number = `${trimDecimals(abs / 1000, 3)}${style.scale}`;
  else if (style.scale === 'M' || style.scale === 'm') number = `${trimDecimals(abs / 1_000_000, 3)}${style.scale}`;
  else number = style.grouped ? Math.round(abs).toLocaleString('en-US') : String(Math.round(abs));
  return `${sign}${prefix}${number}${suffix}`;
}

import type { CellKind, Range } from '../model/guide.js';

/** Currency symbols as guides write them, longest first so `R$` wins over `$`. */
const symbols: ReadonlyArray<readonly [string, string]> = [
  ['US$', 'USD'], ['CA$', 'CAD'], ['AU$', 'AUD'], ['NZ$', 'NZD'], ['HK$', 'HKD'], ['SG$', 'SGD'], ['MX$', 'MXN'],
  ['R$', 'BRL'], ['C$', 'CAD'], ['A$', 'AUD'], ['S$', 'SGD'],
  ['$', 'USD'], ['£', 'GBP'], ['€', 'EUR'], ['¥', 'JPY'], ['₹', 'INR'], ['₩', 'KRW'], ['₪', 'ILS'], ['₺', 'TRY'],
  ['zł', 'PLN'], ['Fr.', 'CHF'],
];

/** ISO 4217 codes known to this Node.js, e.g. `CHF 150K`, `150K EUR`. */
const isoCodes: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export interface Amount {
  value: number;
  /** ISO 4217 code, or null when the amount names no currency (`188K`). */
  currency: string | null;
  /** Offsets into the string that was read. */
  start: number;
  end: number;
}

const multipliers: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };

// prefix (symbol or code) · number with optional thousands commas · suffix K/M/B · optional code after
const amountPattern =
  /(?<prefix>US\$|CA\$|AU\$|NZ\$|HK\$|SG\$|MX\$|R\$|C\$|A\$|S\$|\$|£|€|¥|₹|₩|₪|₺|Fr\.|[A-Z]{3}(?=\s?\d))?\s?(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<suffix>[kK]|[mM]{1,2}|[bB]n?)(?![A-Za-z]))?(?:\s?(?<code>[A-Z]{3})\b)?/gu;

function symbolCurrency(prefix: string): string | null {
  for (const [symbol, code] of symbols) if (symbol === prefix) return code;
  return isoCodes.has(prefix) ? prefix : null;
}

/** Every money amount written in `text`, in order (numbers without a currency or a K/M suffix are skipped). */
export function findAmounts(text: string): Amount[] {
  const found: Amount[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const { prefix, number, suffix, code } = match.groups as Record<string, string | undefined>;
    const prefixCurrency = prefix ? symbolCurrency(prefix) : null;
    const codeCurrency = code && isoCodes.has(code) ? code : null;
    if (prefix && !prefixCurrency) continue;
    if (!prefixCurrency && !codeCurrency && !suffix) continue;
    const value = toNumber(number!, suffix);
    const end = match.index + match[0].length - (code && !codeCurrency ? match[0].length - match[0].lastIndexOf(code) : 0);
    found.push({ value, currency: prefixCurrency ?? codeCurrency, start: match.index, end: trimEnd(text, match.index, end) });
  }
  return found;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function toNumber(number: string, suffix: string | undefined): number {
  const base = Number(number.replace(/,/g, ''));
  const factor = suffix ? multipliers[suffix.toLowerCase()] ?? 1 : 1;
  // Round away float noise (1.2 * 1e6 = 1199999.9999999998).
  return Math.round(base * factor * 100) / 100;
}

export interface CellValue {
  kind: CellKind;
  value: Range | null;
  currencies: string[];
  /** For `invalid`: what could not be read. */
  problem?: string;
}

const none = /^(?:|—|–|-|n\/?a|none|nil|0|\$0|—\s*—)$/i;
const rangeSeparator = String.raw`\s*(?:-|–|—|\bto\b)\s*`;
const single = String.raw`(?:US\$|CA\$|AU\$|NZ\$|HK\$|SG\$|MX\$|R\$|C\$|A\$|S\$|\$|£|€|¥|₹|₩|₪|₺|Fr\.|[A-Z]{3}\s?)?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s?(?:[kK]|[mM]{1,2}|[bB]n?))?(?:\s?[A-Z]{3})?|(?:US\$|CA\$|AU\$|NZ\$|HK\$|SG\$|MX\$|R\$|C\$|A\$|S\$|\$|£|€|¥|₹|₩|₪|₺|Fr\.|[A-Z]{3}\s?)?\d+(?:\.\d+)?(?:\s?(?:[kK]|[mM]{1,2}|[bB]n?))?(?:\s?[A-Z]{3})?`;
const amountOnly = new RegExp(`^(?:${single})$`, 'u');
const rangeOnly = new RegExp(`^(${single})${rangeSeparator}(${single})$`, 'u');
const percentRange = /^(\d+(?:\.\d+)?)\s*%?\s*(?:-|–|—|\bto\b)\s*(\d+(?:\.\d+)?)\s*%$/;
const percentSingle = /^(\d+(?:\.\d+)?)\s*%$/;

/** Reads one band-table cell: an amount, a range, a percentage, a none mark — or says it is invalid. */
export function parseCell(raw: string): CellValue {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (none.test(text)) return { kind: 'none', value: null, currencies: [] };

  let m = percentRange.exec(text);
  if (m) return { kind: 'percent', value: { low: Number(m[1]), high: Number(m[2]) }, currencies: [] };
  m = percentSingle.exec(text);
  if (m) return { kind: 'percent', value: { low: Number(m[1]), high: Number(m[1]) }, currencies: [] };

  // Amounts past 2^53 cannot be held exactly (`$99999999999999999999K` would print as `$99999999999999984M`).
  const invalid = (): CellValue => ({ kind: 'invalid', value: null, currencies: findAmounts(text).flatMap((a) => (a.currency ? [a.currency] : [])), problem: text });
  if (amountOnly.test(text)) {
    const [a] = readAmounts(text);
    if (a && !Number.isSafeInteger(Math.round(a.value))) return invalid();
    if (a) return { kind: 'amount', value: { low: a.value, high: a.value }, currencies: a.currency ? [a.currency] : [] };
  }
  m = rangeOnly.exec(text);
  if (m) {
    const low = readAmounts(m[1]!)[0];
    const high = readAmounts(m[2]!)[0];
    if (low && high) {
      // "$188-235K": the suffix written once applies to both ends.
      const lowValue = !/[kKmMbB]/.test(m[1]!) && /[kKmMbB]/.test(m[2]!) ? low.value * scaleOf(m[2]!) : low.value;
      const currencies = [low.currency, high.currency].filter((c): c is string => c !== null);
      if (!Number.isSafeInteger(Math.round(lowValue)) || !Number.isSafeInteger(Math.round(high.value))) return invalid();
      return { kind: 'range', value: { low: lowValue, high: high.value }, currencies };
    }
  }
  return invalid();
}

function scaleOf(text: string): number {
  const suffix = /([kK]|[mM]{1,2}|[bB]n?)\s*(?:[A-Z]{3})?$/.exec(text.trim())?.[1];
  return suffix ? multipliers[suffix.toLowerCase()] ?? 1 : 1;
}

/** Like findAmounts, but also takes a bare number ("188000") as an amount. */
function readAmounts(text: string): Amount[] {
  const found = findAmounts(text);
  if (found.length) return found;
  const bare = /^(?:(?<prefix>[A-Z]{3})\s?)?(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<code>[A-Z]{3}))?$/.exec(text.trim());
  if (!bare?.groups) return [];
  const currency = (bare.groups.prefix && isoCodes.has(bare.groups.prefix) ? bare.groups.prefix : null) ??
    (bare.groups.code && isoCodes.has(bare.groups.code) ? bare.groups.code : null);
  return [{ value: toNumber(bare.groups.n!, undefined), currency, start: 0, end: text.length }];
}

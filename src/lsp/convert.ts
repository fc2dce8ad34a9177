import type { VFileMessage } from 'vfile-message';
import type { Band, Guide } from '../model/guide.js';
import { formatMoney, formatMoneyRange, formatPercent } from '../validate/money.js';

/** An LSP position (0-based line, UTF-16 character), as the parser's columns already count. */
export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** A fix a rule knows: replace source offsets [start, end) with `text` (the shape `lint --fix` uses). */
export interface MessageFix {
  range: [number, number];
  text: string;
}

export function messageFix(message: VFileMessage): MessageFix | undefined {
  const fix = (message as { fix?: unknown }).fix as MessageFix | undefined;
  if (!fix || !Array.isArray(fix.range) || fix.range.length !== 2 || typeof fix.text !== 'string') return undefined;
  return fix;
}

/** A vfile message's place as an LSP range (a point becomes an empty range). */
export function messageRange(message: VFileMessage): LspRange {
  const place = message.place;
  const start = place && 'start' in place ? place.start : place ?? { line: 1, column: 1 };
  const end = place && 'end' in place ? place.end : start;
  const point = (p: { line?: number; column?: number }) => ({ line: Math.max(0, (p.line ?? 1) - 1), character: Math.max(0, (p.column ?? 1) - 1) });
  return { start: point(start), end: point(end) };
}

/** The band whose row is on a 1-based line. */
export function bandAt(guide: Guide, line: number): Band | undefined {
  return guide.bands.find((band) => band.position.line <= line && line <= band.position.endLine);
}

/**
 * A hover for a band row: each number as parsed, and total comp computed as
 * `tc-mismatch` computes it (base + equity / vesting years + bonus) next to the stated one.
 */
export function bandHover(band: Band): string {
  const c = band.currency;
  const rows: string[] = [`**${band.region}** (${c})`, '', '| | low | high |', '|---|---|---|'];
  const money = (n: number) => formatMoney(n, c);
  rows.push(`| Base | ${money(band.base.low)} | ${money(band.base.high)} |`);
  const annual = { low: band.base.low, high: band.base.high };
  if (band.equity) {
    const years = band.equity.vestingYears;
    const perYear = (n: number) => money(Math.round(n / years));
    rows.push(`| Equity${band.equity.kind ? ` (${band.equity.kind})` : ''}, ${years}yr | ${money(band.equity.low)} (${perYear(band.equity.low)}/yr) | ${money(band.equity.high)} (${perYear(band.equity.high)}/yr) |`);
    annual.low += band.equity.low / years;
    annual.high += band.equity.high / years;
  }
  if (band.bonus && 'percentOfBase' in band.bonus) {
    const p = band.bonus.percentOfBase;
    const low = (p.low / 100) * band.base.low;
    const high = (p.high / 100) * band.base.high;
    rows.push(`| Bonus | ${formatPercent(p.low)} = ${money(Math.round(low))} | ${formatPercent(p.high)} = ${money(Math.round(high))} |`);
    annual.low += low;
    annual.high += high;
  } else if (band.bonus) {
    rows.push(`| Bonus | ${money(band.bonus.low)} | ${money(band.bonus.high)} |`);
    annual.low += band.bonus.low;
    annual.high += band.bonus.high;
  }
  rows.push(`| Total comp, computed | ${money(Math.round(annual.low))} | ${money(Math.round(annual.high))} |`);
  if (band.totalComp) rows.push(`| Total comp, stated | ${money(band.totalComp.low)} | ${money(band.totalComp.high)} |`);
  rows.push('', `Computed as base + equity / vesting years + bonus; stated ${band.totalComp ? formatMoneyRange(band.totalComp.low, band.totalComp.high, c) : 'none'}.`);
  return rows.join('\n');
}

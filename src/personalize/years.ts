import type { BonusAmount, CompetingOffer, Offer, SignOn } from '../model/candidate.js';
import { round1000 } from './money.js';

/**
 * Offers year by year: how much of a grant vests in each year by its schedule and cliff, the bonus
 * as an amount, a sign-on split over two years. Amounts stay in the offer's own currency here; the
 * caller converts.
 */

/** Years the year-by-year table shows (and the "4-year total" adds up). */
export const TABLE_YEARS = 4;

/** The bonus in currency units: an amount, or a percentage of `base`. */
export function bonusAmount(bonus: BonusAmount | undefined, base: number): number {
  if (bonus === undefined) return 0;
  return typeof bonus === 'number' ? bonus : (base * bonus.percent) / 100;
}

/** A sign-on as [year one, year two]. */
export function signOnYears(signOn: SignOn | undefined): [number, number] {
  if (signOn === undefined) return [0, 0];
  return typeof signOn === 'number' ? [signOn, 0] : [signOn[0], signOn[1]];
}

/** The vesting years of an offer: the schedule's length, else `vestingYears`, else `fallback`. */
export function vestingYearsOf(offer: Pick<Offer, 'vesting' | 'vestingYears'>, fallback: number): number {
  return offer.vesting?.schedule?.length ?? offer.vestingYears ?? fallback;
}

/**
 * The share of a grant vesting in each year 1..`count`: by `schedule` (percent per year; even over
 * `years` without one), nothing before the cliff, and at the cliff everything due by then. Yearly
 * shares are taken at the year boundaries, so a 12-month cliff changes nothing a year table shows,
 * and an 18-month one moves year one's share into year two.
 */
export function vestingShares(schedule: readonly number[] | null | undefined, years: number, cliffMonths: number, count: number): number[] {
  const perYear = schedule && schedule.length > 0 ? schedule.map((p) => p / 100) : Array.from({ length: Math.max(1, Math.ceil(years)) }, (_, i) => Math.min(1, years - i) / years);
  const cumulativeAt = (months: number) => {
    if (months < cliffMonths) return 0;
    let total = 0;
    for (let year = 0; year < perYear.length; year += 1) {
      const into = Math.min(12, Math.max(0, months - year * 12));
      total += ((perYear[year] ?? 0) * into) / 12;
    }
    return total;
  };
  const shares: number[] = [];
  for (let year = 1; year <= count; year += 1) shares.push(cumulativeAt(year * 12) - cumulativeAt((year - 1) * 12));
  return shares;
}

/**
 * Splits `total` (a multiple of 1,000) into parts proportional to `shares`, each a multiple of 1,000,
 * that add up to exactly `total × sum(shares)` rounded (largest remainder, earlier years first on ties).
 */
export function allocateThousands(total: number, shares: readonly number[]): number[] {
  const units = Math.round(total / 1000);
  const wanted = shares.map((share) => units * share);
  const whole = Math.round(units * shares.reduce((sum, share) => sum + share, 0));
  const floors = wanted.map((value) => Math.floor(value + 1e-9));
  let left = whole - floors.reduce((sum, value) => sum + value, 0);
  const order = wanted.map((value, index) => ({ index, rest: value - Math.floor(value + 1e-9) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    left -= 1;
  }
  return floors.map((value) => value * 1000);
}

/** One year of an offer. */
export interface YearAmounts {
  year: number;
  base: number;
  equity: number;
  bonus: number;
  signOn: number;
  refresher: number;
  total: number;
}

export interface PackageShape {
  base: number;
  /** The whole grant (rounded). */
  equity: number;
  vestingYears: number;
  schedule: readonly number[] | null;
  cliffMonths: number;
  bonus: number;
  signOn: [number, number];
  refresher: number;
}

/** Years 1..TABLE_YEARS of a package, all amounts whole thousands. */
export function yearsOf(shape: PackageShape): YearAmounts[] {
  const count = Math.max(TABLE_YEARS, Math.ceil(shape.vestingYears));
  const vested = allocateThousands(shape.equity, vestingShares(shape.schedule, shape.vestingYears, shape.cliffMonths, count));
  const rows: YearAmounts[] = [];
  for (let year = 1; year <= TABLE_YEARS; year += 1) {
    const equity = vested[year - 1] ?? 0;
    const signOn = year <= 2 ? round1000(shape.signOn[year - 1] ?? 0) : 0;
    const refresher = year >= 2 ? round1000(shape.refresher) : 0;
    rows.push({ year, base: shape.base, equity, bonus: shape.bonus, signOn, refresher, total: shape.base + equity + shape.bonus + signOn + refresher });
  }
  return rows;
}

/** The annual total comp of a detailed competing offer, in its own currency, by the brief's rounding. */
export function detailedTotalComp(offer: CompetingOffer, fallbackYears: number): number {
  if (offer.base === undefined) return round1000(offer.totalComp ?? 0);
  const base = round1000(offer.base);
  const grant = round1000(offer.equity);
  const annual = round1000(grant / vestingYearsOf(offer, fallbackYears));
  return base + annual + round1000(bonusAmount(offer.bonus, offer.base));
}
